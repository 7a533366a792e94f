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

/**
 * A deep copy of `root`, and every copied object paired with its original (the root first): what
 * writeBack needs to put the originals back the way they were. Throws (naming the path) on
 * anything it cannot copy faithfully.
 */
export function copyGraphWithPairs<T>(root: T): { copy: T; originals: object[]; copies: object[] } {
  const memo: Memo = new Map();
  const out = copy(root, memo, 'root') as T;
  return { copy: out, originals: [...memo.keys()], copies: [...memo.values()] as object[] };
}

function copy(value: unknown, memo: Memo, path: string): unknown {
  if (typeof value === 'function') {
    if (isDeferHandler(value)) return value;
    throw new Error(`checkpoint copy: ${path} is a function that is not a deferred-call handler`);
  }
  if (typeof value !== 'object' || value === null) return value;
  if (shared.has(value)) return value;
  const seen = memo.get(value);
  if (seen !== undefined) return seen;
  if (ArrayBuffer.isView(value)) return copyView(value, memo, path);
  if (Array.isArray(value)) {
    // Pushed, not preallocated: a preallocated array is "holey", slower in the engine's loops.
    const out: unknown[] = [];
    memo.set(value, out);
    for (let i = 0; i < value.length; i++) out.push(copy(value[i], memo, path));
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
    throw new Error(
      `checkpoint copy: ${path} is a built-in object (${(value as { constructor: { name: string } }).constructor.name}) it cannot copy`,
    );
  }
  const src = value as Record<string, unknown>;
  const keys = Object.keys(src);
  const out = blankObject(proto, keys);
  memo.set(value, out);
  for (const key of keys) out[key] = copy(src[key], memo, `${path}.${key}`);
  return out;
}

/**
 * Property descriptors (value undefined) for `keys`, cached per prototype and key list.
 *
 * Why the copy is created with its properties already defined rather than by one keyed store per
 * property: V8 turns an object that gets two dozen properties that way into a dictionary, and the
 * engine then runs several times slower on the copy. Defined at once, copies are fast objects and
 * all copies of a kind share one hidden class.
 */
const descriptorCache = new WeakMap<object, Map<string, PropertyDescriptorMap>>();
const NULL_PROTO = {};

function blankObject(proto: object | null, keys: string[]): Record<string, unknown> {
  const holder = proto ?? NULL_PROTO;
  let byKeys = descriptorCache.get(holder);
  if (byKeys === undefined) {
    byKeys = new Map();
    descriptorCache.set(holder, byKeys);
  }
  const signature = keys.join('\u0000');
  let descriptors = byKeys.get(signature);
  if (descriptors === undefined) {
    descriptors = {};
    for (const key of keys) descriptors[key] = { value: undefined, writable: true, enumerable: true, configurable: true };
    byKeys.set(signature, descriptors);
  }
  return Object.create(proto, descriptors) as Record<string, unknown>;
}

function copyView(view: ArrayBufferView, memo: Memo, path: string): unknown {
  if (view instanceof DataView || view.byteOffset !== 0 || view.byteLength !== view.buffer.byteLength) {
    throw new Error(`checkpoint copy: ${path} is a view onto part of a buffer; copies would not share it`);
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
/** Whether `value` is shared by copies (never copied, never written back). */
export function isShared(value: object): boolean {
  return shared.has(value);
}

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
