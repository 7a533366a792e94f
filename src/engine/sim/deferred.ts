/**
 * A call to make later (a timer, an RCU callback, a workqueue item), kept as data: a module-level
 * function and its arguments. Unlike a closure it can be copied with the rest of the world, so an
 * engine checkpoint (checkpoint/cloneGraph.ts) carries its pending callbacks, pointing at the
 * copied entries and maps.
 */

/** A function that may be deferred; the cloner shares these by reference. */
const handlers = new WeakSet<object>();

export interface Deferred {
  readonly fn: (...args: never[]) => void;
  readonly args: readonly unknown[];
}

/**
 * Defers `fn(...args)`. `fn` must be a module-level `function` declaration: an arrow function or a
 * method would capture `this` or local state that a checkpoint cannot copy.
 */
export function defer<A extends unknown[]>(fn: (...args: A) => void, ...args: A): Deferred {
  if (!handlers.has(fn)) {
    if (!Object.prototype.hasOwnProperty.call(fn, 'prototype')) {
      throw new Error(`defer(${fn.name || 'anonymous'}): pass a module-level function declaration, not an arrow function or a method`);
    }
    handlers.add(fn);
  }
  return { fn: fn as unknown as (...args: never[]) => void, args };
}

/** Makes the deferred call. */
export function runDeferred(d: Deferred): void {
  (d.fn as (...args: unknown[]) => void)(...d.args);
}

/** Whether `fn` was registered through {@link defer} (the only functions a checkpoint may hold). */
export function isDeferHandler(fn: unknown): boolean {
  return typeof fn === 'function' && handlers.has(fn);
}

/**
 * A closure as a deferred call, for tests and probes: it runs like any other, but a checkpoint
 * refuses to copy it (the closure would keep pointing at the original world).
 */
export function deferClosure(fn: () => void): Deferred {
  return defer(callClosure, fn);
}

function callClosure(fn: () => void): void {
  fn();
}
