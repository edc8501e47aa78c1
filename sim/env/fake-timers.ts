/**
 * Puts the process on simulated time for the length of a run: setTimeout,
 * setInterval, setImmediate (and their clears) answer from the scheduler, and
 * so do Date.now and performance.now (clock-hooks.ts), so MeshSync's anti-entropy, DocHost's compaction,
 * the redialer, refund time-outs and the frame rate limiter all run in
 * simulated milliseconds, in one deterministic order. A handle made before the
 * run (a real timer) is cleared by the real functions.
 */
import { holdClocks } from './clock-hooks.ts';
import type { Scheduler, SimEvent } from './scheduler.ts';

/** Node runs a timer of 0 ms (or less) after 1 ms. */
const MIN_TIMER_MS = 1;

/** What product code does with a Node timer handle: unref it, keep it, clear it. */
class SimTimer {
  constructor(readonly event: SimEvent) {}
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  hasRef(): boolean {
    return true;
  }
  refresh(): this {
    return this;
  }
  [Symbol.toPrimitive](): number {
    return this.event.seq;
  }
}

type Callback = (...args: unknown[]) => unknown;

export function installFakeTimers(scheduler: Scheduler): () => void {
  const g = globalThis as unknown as Record<string, unknown>;
  const names = [
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
  ];
  const saved = Object.fromEntries(names.map((n) => [n, g[n]]));
  const realClear = saved.clearTimeout as (h: unknown) => void;

  const schedule = (delay: number, fn: Callback, args: unknown[], every: boolean) => {
    const ms = Math.max(MIN_TIMER_MS, Number.isFinite(delay) ? delay : 0);
    return new SimTimer(
      scheduler.at(scheduler.now + ms, scheduler.running, () => fn(...args), every ? ms : null),
    );
  };
  const clear = (handle: unknown) => {
    if (handle instanceof SimTimer) scheduler.cancel(handle.event);
    else if (handle !== undefined && handle !== null) realClear(handle);
  };
  g.setTimeout = (fn: Callback, ms = 0, ...args: unknown[]) => schedule(ms, fn, args, false);
  g.setInterval = (fn: Callback, ms = 0, ...args: unknown[]) => schedule(ms, fn, args, true);
  g.setImmediate = (fn: Callback, ...args: unknown[]) =>
    new SimTimer(scheduler.at(scheduler.now, scheduler.running, () => fn(...args)));
  g.clearTimeout = clear;
  g.clearInterval = clear;
  g.clearImmediate = clear;
  const releaseClocks = holdClocks(() => scheduler.now);
  return () => {
    for (const n of names) g[n] = saved[n];
    releaseClocks();
  };
}
