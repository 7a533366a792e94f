/**
 * A stand-in for CanvasRenderingContext2D in Node tests: accepts every call and property, and
 * records the calls (name and arguments) so a test can count paths or find where arcs went.
 */

/** One recorded call. */
export interface Call {
  name: string;
  args: unknown[];
  /** fillStyle and strokeStyle when the call was made. */
  fill: unknown;
  stroke: unknown;
}

/** A fake 2D context and the calls made on it. */
export function fakeContext(): { ctx: CanvasRenderingContext2D; calls: Call[] } {
  const calls: Call[] = [];
  const props: Record<string, unknown> = { font: '10px sans-serif', globalAlpha: 1 };
  const ctx = new Proxy(props, {
    get(target, key: string) {
      if (key in target) return target[key];
      if (key === 'measureText') return (text: string) => ({ width: text.length * 6 });
      return (...args: unknown[]) => {
        calls.push({ name: key, args, fill: target.fillStyle, stroke: target.strokeStyle });
      };
    },
    set(target, key: string, value: unknown) {
      target[key] = value;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}
