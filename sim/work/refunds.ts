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
const AGAIN_CHANCE = 0.3;
/** A manager refunds provisionally at once this often, without asking the seller first. */
const PROVISIONAL_CHANCE = 0.2;
/** A manager told the seller is out of reach refunds provisionally this often. */
const RETRY_CHANCE = 0.7;

export function refund(w: WorkContext): string {
  const { random, till } = w;
  ensureOpenDay(w);
  const refunded = new Set(w.ledger.refunds().map((r) => r.refundOf?.id));
  const all = w.ledger.sales();
  // a sale refunded before, now and then: refunds made apart of one sale may pass it
  const again = all.filter((o) => refunded.has(o.id));
  const sales = random.chance(AGAIN_CHANCE) && again.length ? again : all;
  const elsewhere = sales.filter((o) => o.till !== till.code);
  const chosen = random.pick(
    random.chance(ELSEWHERE_CHANCE) && elsewhere.length ? elsewhere : sales,
  );
  if (!chosen) return 'no sale to refund';
  const original = till.sales.findOrder(chosen.id);
  if (!original) return `${chosen.number} not here yet`;
  const lines: RefundLineRequest[] = original.lines
    .filter(() => random.chance(0.6))
    // the whole line half the time: two refunds of one sale made apart then pass it
    .map((l) => ({ lineId: l.id, qty: random.chance(0.5) ? l.qty : random.between(1, l.qty) }));
  if (lines.length === 0 && original.lines[0]) lines.push({ lineId: original.lines[0].id, qty: 1 });
  const payout = random.chance(0.5) ? 'cash' : 'card';
  const ask = (provisional: boolean) => {
    const incarnation = w.sim.incarnation;
    till.refunds.refund(manager, original.id, lines, [], { payout, provisional }).then(
      (paid) => {
        // a crash while it waited may have struck anywhere: only what the cashier saw counts
        recordPaid(w, paid, incarnation, false);
        w.later(`refund of ${original.number} paid ${paid.number} ${paid.totals?.total ?? 0}`);
      },
      (error: unknown) => {
        const refused = refusal(error);
        if (!refused) return w.fail(error);
        w.later(`refund of ${original.number} ${refused}`);
        // the seller is out of reach: the manager refunds provisionally, within the mesh's limit
        if (!provisional && refused.endsWith('SELLER_UNREACHABLE') && random.chance(RETRY_CHANCE))
          ask(true);
      },
    );
  };
  const provisional = random.chance(PROVISIONAL_CHANCE);
  ask(provisional);
  return `refund of ${original.number} asked${provisional ? ' provisionally' : ''} (${lines.length} lines, ${payout})`;
}
