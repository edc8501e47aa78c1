/**
 * No till counts a forged record (sim/work/forgeries.ts): a forged order is not
 * among the orders it holds (an overwritten one is held as signed, if at all), a
 * forged cash movement not among its day's (live or closed), a forged transfer
 * event not in the transfer's history.
 */
import { DAY } from '../../crdt/documents.ts';
import { dayView } from '../../node/till/context.ts';
import type { Till } from '../../node/till/till.ts';
import type { HeldOrder } from './held-orders.ts';
import type { Forgery } from './ledger.ts';

function cashCounted(till: Till, f: Forgery): boolean {
  const { docs } = till.ctx;
  const live = docs.get(f.doc);
  const doc = live ?? docs.readClosed(f.doc);
  if (!doc) return false;
  try {
    return dayView(till.ctx, doc, f.doc)
      .cashMoves()
      .some((m) => m.id === f.key);
  } finally {
    if (!live) doc.destroy();
  }
}

export function forgeryProblems(
  till: Till,
  held: Map<string, HeldOrder>,
  forged: readonly Forgery[],
): string[] {
  const transfers = new Map(till.transfers.all().map((s) => [s.id as string, s]));
  return forged.flatMap((f) => {
    const counted =
      f.kind === 'transfer'
        ? transfers.get(f.key)?.history.some((e) => e.at === f.stamp)
        : f.kind === 'overwrite'
          ? held.get(f.key)?.order.totals?.total === f.total
          : f.map === DAY.cash
            ? cashCounted(till, f)
            : held.has(f.key);
    return counted ? [`a ${f.kind} forgery ${f.map}/${f.key} in ${f.doc} is counted`] : [];
  });
}
