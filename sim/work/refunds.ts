/**
 * Refunds against earlier sales, mostly on another till than the one that
 * sold: the seller referees, so the refund waits for its grant (over the
 * simulated network) or, with the seller out of reach, a manager refunds
 * provisionally within the mesh's limit.
 */
import type { RefundLineRequest } from '../../crdt/refund.ts';
import type { WorkContext } from './context.ts';
import { ensureOpenDay, manager, recordPaid, refusal } from './context.ts';

/** Refunds are asked mostly away from the seller: that is where the referee matters. */
const ELSEWHERE_CHANCE = 0.8;

export function refund(w: WorkContext): string {
  const { random, till } = w;
  ensureOpenDay(w);
  const sales = w.ledger.sales();
  const elsewhere = sales.filter((o) => o.till !== till.code);
  const chosen = random.pick(
    random.chance(ELSEWHERE_CHANCE) && elsewhere.length ? elsewhere : sales,
  );
  if (!chosen) return 'no sale to refund';
  const original = till.sales.findOrder(chosen.id);
  if (!original) return `${chosen.number} not here yet`;
  const lines: RefundLineRequest[] = original.lines
    .filter(() => random.chance(0.6))
    .map((l) => ({ lineId: l.id, qty: random.between(1, l.qty) }));
  if (lines.length === 0 && original.lines[0]) lines.push({ lineId: original.lines[0].id, qty: 1 });
  const provisional = random.chance(0.3);
  const payout = random.chance(0.5) ? 'cash' : 'card';
  const incarnation = w.sim.incarnation;
  till.refunds.refund(manager, original.id, lines, [], { payout, provisional }).then(
    (paid) => {
      // a crash while it waited may have struck anywhere: only what the cashier saw counts
      recordPaid(w, paid, incarnation, false);
      w.later(`refund of ${original.number} paid ${paid.number} ${paid.totals?.total ?? 0}`);
    },
    (error: unknown) => {
      const refused = refusal(error);
      if (refused) w.later(`refund of ${original.number} ${refused}`);
      else w.fail(error);
    },
  );
  return `refund of ${original.number} asked${provisional ? ' provisionally' : ''} (${lines.length} lines, ${payout})`;
}
