/**
 * Simulated time: one queue of events, run in (time, creation) order. Every
 * event belongs to an owner — a till, or the simulation itself — so a crash
 * can take away everything a till's process had scheduled. Between two events
 * the microtask queue drains (one turn of the real event loop), as it does
 * between two macrotasks of a real process; nothing else runs in between.
 */

/** The owner of the simulation's own events (the shop's plan, faults, checks). */
export const SIM_OWNER = 'sim';

/** Monday 2 March 2026, 08:00 UTC: every run starts here. */
export const SIM_EPOCH_MS = Date.UTC(2026, 2, 2, 8, 0, 0);

export interface SimEvent {
  at: number;
  readonly owner: string;
  /** Repeats every so many ms (setInterval), or null. */
  every: number | null;
  cancelled: boolean;
  fn: () => unknown;
  seq: number;
}

/** Node's real setImmediate, taken before any fake replaces it: it is how the queue drains. */
const realSetImmediate = globalThis.setImmediate;
const drainMicrotasks = () => new Promise<void>((resolve) => realSetImmediate(resolve));

export class Scheduler {
  now = SIM_EPOCH_MS;
  /** Whose event is running: timers made now belong to it. */
  running = SIM_OWNER;
  /** Events run so far. */
  executed = 0;
  private readonly heap: SimEvent[] = [];
  private seq = 0;
  private readonly failures: Array<{ owner: string; error: unknown }> = [];
  /** Owners whose process is gone: what they schedule now never runs. */
  private readonly dead = new Set<string>();

  at(time: number, owner: string, fn: () => unknown, every: number | null = null): SimEvent {
    const event: SimEvent = {
      at: Math.max(time, this.now),
      owner,
      every,
      cancelled: this.dead.has(owner),
      fn,
      seq: this.seq++,
    };
    this.push(event);
    return event;
  }

  after(delayMs: number, owner: string, fn: () => unknown): SimEvent {
    return this.at(this.now + delayMs, owner, fn);
  }

  cancel(event: SimEvent): void {
    event.cancelled = true;
  }

  /**
   * A till's process died: nothing it scheduled runs, nor anything the rest of
   * the call it died in schedules, until `revive` (its next start).
   */
  kill(owner: string): void {
    this.dead.add(owner);
    for (const event of this.heap) if (event.owner === owner) event.cancelled = true;
  }

  revive(owner: string): void {
    this.dead.delete(owner);
  }

  /** Time of the next event that will run, or undefined when nothing is queued. */
  peek(): number | undefined {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
    return this.heap[0]?.at;
  }

  /** Runs every event up to `time`, then sets the clock to it. */
  async runUntil(time: number): Promise<void> {
    for (let next = this.peek(); next !== undefined && next <= time; next = this.peek())
      await this.step();
    this.now = Math.max(this.now, time);
  }

  /** Errors thrown by a till's timers or callbacks: a real process would have crashed. */
  takeFailures(): Array<{ owner: string; error: unknown }> {
    return this.failures.splice(0);
  }

  private async step(): Promise<void> {
    const event = this.pop()!;
    this.now = event.at;
    this.running = event.owner;
    this.executed++;
    try {
      await event.fn();
    } catch (error) {
      if (event.owner === SIM_OWNER) throw error;
      this.failures.push({ owner: event.owner, error });
    } finally {
      await drainMicrotasks();
      this.running = SIM_OWNER;
    }
    if (event.every !== null && !event.cancelled) {
      // the same object again: the handle given out (clearInterval) keeps pointing at it
      event.at += event.every;
      event.seq = this.seq++;
      this.push(event);
    }
  }

  private less(a: SimEvent, b: SimEvent): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(event: SimEvent): void {
    const h = this.heap;
    h.push(event);
    for (let i = h.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): SimEvent | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
