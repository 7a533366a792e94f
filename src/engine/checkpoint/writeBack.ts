/**
 * Puts a graph back the way a copy of it was: every original object (paired with its copy by
 * copyGraphWithPairs) gets its copy's contents, with references to copies turned back into
 * references to the originals. Objects created after the copy are no longer referenced.
 *
 * Why write back instead of running the copy: the originals were made by their constructors, and
 * the engine's hot code is compiled for those objects' hidden classes. Running copies (made
 * field by field) beside them makes that code polymorphic and slower by about half; writing back
 * keeps one set of shapes for the whole run. The copy is only read, so it can be written back
 * again and again.
 */
import { isShared } from './cloneGraph';

type TypedArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/** Writes `copies[i]` back into `originals[i]` for every pair. */
export function writeBack(originals: readonly object[], copies: readonly object[]): void {
  const toOriginal = new Map<object, object>();
  for (let i = 0; i < copies.length; i++) toOriginal.set(copies[i], originals[i]);
  const back = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null || isShared(v)) return v;
    const o = toOriginal.get(v);
    if (o === undefined) throw new Error('writeBack: a copy refers to an object outside the copied graph');
    return o;
  };
  for (let i = 0; i < copies.length; i++) restoreOne(originals[i], copies[i], back);
}

function restoreOne(original: object, copy: object, back: (v: unknown) => unknown): void {
  if (ArrayBuffer.isView(copy)) {
    // A typed array never changes length: the original still has the length the copy has.
    (original as TypedArray).set(copy as TypedArray);
    return;
  }
  if (Array.isArray(copy)) {
    const arr = original as unknown[];
    arr.length = 0;
    for (const v of copy) arr.push(back(v));
    return;
  }
  if (copy instanceof Map) {
    const map = original as Map<unknown, unknown>;
    map.clear();
    for (const [k, v] of copy) map.set(back(k), back(v));
    return;
  }
  if (copy instanceof Set) {
    const set = original as Set<unknown>;
    set.clear();
    for (const v of copy) set.add(back(v));
    return;
  }
  const src = copy as Record<string, unknown>;
  const dst = original as Record<string, unknown>;
  for (const key of Object.keys(src)) dst[key] = back(src[key]);
  // A property added after the copy was taken did not exist then (rare: class fields are fixed).
  for (const key of Object.keys(dst)) if (!(key in src)) delete dst[key];
}
