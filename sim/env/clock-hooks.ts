/**
 * Routes the process's clocks through the simulation while a run holds them:
 * Date.now and performance.now. Both are replaced once, by functions that ask
 * the run (or the real clocks outside one), because some libraries keep the
 * function they found when they loaded — lib0/time keeps Date.now, and
 * y-protocols' awareness renews presence by it — so, like entropy.ts, this
 * module must be imported before them (sim/setup.ts does).
 */
const realDateNow = Date.now.bind(Date);
const realPerformanceNow = performance.now.bind(performance);

let source: (() => number) | undefined;

/** Real milliseconds, whoever holds the clocks: for how long runs take. */
export const wallMs = realPerformanceNow;

// whole milliseconds from Date.now, as the real one gives (hybrid timestamps are built from it)
Date.now = () => (source ? Math.floor(source()) : realDateNow());
// an own property over the prototype's
performance.now = () => (source ? source() : realPerformanceNow());

/** Gives the process's clocks to `now` (simulated ms since the epoch) until the returned function is called. */
export function holdClocks(now: () => number): () => void {
  if (source) throw new Error('the clocks of this process are already held by a simulation run');
  source = now;
  return () => {
    source = undefined;
  };
}
