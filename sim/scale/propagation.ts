/**
 * How long a change on one till takes to reach every other: a change is the
 * writer's Yjs clock in a document after its commit; a till has it once its
 * copy's state for that writer reaches that clock (checked as peer updates
 * land). Times are simulated network time: processing costs nothing here.
 */
import * as Y from 'yjs';
import type { SimTill } from '../world/sim-till.ts';

interface Pending {
  doc: string;
  client: number;
  clock: number;
  at: number;
  waiting: Set<string>;
}

export class Propagation {
  /** Simulated ms from each commit to each other till holding it. */
  readonly samples: number[] = [];
  /** Peer updates applied, on every till together. */
  applied = 0;
  private pending: Pending[] = [];

  constructor(
    private readonly tills: readonly SimTill[],
    private readonly now: () => number,
  ) {
    for (const t of tills)
      t.till!.ctx.docs.onUpdate((doc, _update, origin) => {
        if (origin.source !== 'peer') return;
        this.applied++;
        this.arrived(t, doc);
      });
  }

  /** The writer just committed a change to `doc`. */
  committed(writer: SimTill, doc: string): void {
    const local = writer.till!.ctx.docs.get(doc)!;
    this.pending = this.pending.filter((p) => p.waiting.size > 0);
    const waiting = new Set(this.tills.filter((t) => t !== writer).map((t) => t.host));
    this.pending.push({
      doc,
      client: local.clientID,
      clock: Y.getState(local.store, local.clientID),
      at: this.now(),
      waiting,
    });
  }

  /** Changes some till does not hold yet. */
  outstanding(): number {
    return this.pending.filter((p) => p.waiting.size > 0).length;
  }

  private arrived(till: SimTill, doc: string): void {
    const copy = till.till!.ctx.docs.get(doc);
    if (!copy) return;
    for (const p of this.pending) {
      if (p.doc !== doc || !p.waiting.has(till.host)) continue;
      if (Y.getState(copy.store, p.client) < p.clock) continue;
      p.waiting.delete(till.host);
      this.samples.push(this.now() - p.at);
    }
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
