/**
 * Deep copy of the engine's object graph for checkpoints: class instances keep their prototype,
 * typed arrays are copied, shared references stay shared (and cycles stay cycles) in the copy.
 *
 * What it refuses, loudly, instead of copying wrongly: functions other than deferred-call handlers
 * (a closure would keep pointing at the old world), typed-array views onto part of a buffer, and
 * built-ins it does not know. Objects marked with {@link shareAcrossClones} (immutable ones, such
 * as the scenario and xstate snapshots) are shared, not copied.
 */
import { isDeferHandler } from '../sim/deferred';

const shared = new WeakSet<object>();

/** Marks `value` immutable: copies of a graph refer to it instead of copying it. */
export function shareAcrossClones<T extends object>(value: T): T {
  shared.add(value);
  return value;
}

type Memo = Map<object, unknown>;

/** A deep copy of `root`. Throws (naming the path) on anything it cannot copy faithfully. */
export function cloneGraph<T>(root: T): T {
  return copy(root, new Map(), 'root') as T;
}

function copy(value: unknown, memo: Memo, path: string): unknown {
  if (typeof value === 'function') {
    if (isDeferHandler(value)) return value;
    throw new Error(`cloneGraph: ${path} is a function that is not a deferred-call handler`);
  }
  if (typeof value !== 'object' || value === null) return value;
  if (shared.has(value)) return value;
  const seen = memo.get(value);
  if (seen !== undefined) return seen;
  if (ArrayBuffer.isView(value)) return copyView(value, memo, path);
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    memo.set(value, out);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i], memo, path);
    return out;
  }
  if (value instanceof Map) {
    const out = new Map<unknown, unknown>();
    memo.set(value, out);
    for (const [k, v] of value) out.set(copy(k, memo, path), copy(v, memo, `${path}.get(${String(k)})`));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set<unknown>();
    memo.set(value, out);
    for (const v of value) out.add(copy(v, memo, path));
    return out;
  }
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== null && proto !== Object.prototype && isBuiltIn(proto)) {
    throw new Error(`cloneGraph: ${path} is a built-in object (${(value as { constructor: { name: string } }).constructor.name}) it cannot copy`);
  }
  const out = Object.create(proto) as Record<string, unknown>;
  memo.set(value, out);
  const src = value as Record<string, unknown>;
  for (const key of Object.keys(src)) out[key] = copy(src[key], memo, `${path}.${key}`);
  return out;
}

function copyView(view: ArrayBufferView, memo: Memo, path: string): unknown {
  if (view instanceof DataView || view.byteOffset !== 0 || view.byteLength !== view.buffer.byteLength) {
    throw new Error(`cloneGraph: ${path} is a view onto part of a buffer; copies would not share it`);
  }
  const out = (view as unknown as { slice(): ArrayBufferView }).slice();
  memo.set(view, out);
  return out;
}

/** Prototypes of built-ins with internal slots (Date, RegExp, Promise, WeakMap...): not copyable field by field. */
function isBuiltIn(proto: object): boolean {
  const ctor = (proto as { constructor?: unknown }).constructor;
  if (typeof ctor !== 'function') return false;
  return /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(ctor));
}

/** Bytes held by typed arrays in the graph (each counted once): a checkpoint's bulk. */
export function typedArrayBytes(root: unknown): number {
  const seen = new Set<object>();
  let bytes = 0;
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v) || shared.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      bytes += v.byteLength;
      return;
    }
    const values = Array.isArray(v) ? v : v instanceof Map ? [...v.keys(), ...v.values()] : v instanceof Set ? [...v] : Object.values(v);
    for (const x of values) walk(x);
  };
  walk(root);
  return bytes;
}
