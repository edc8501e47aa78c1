/**
 * Refunds against an earlier paid sale: chosen lines and quantities, never more
 * than was sold minus what earlier refunds already returned. A refund is its own
 * order (negative lines, own number) pointing at the original; the original
 * stays immutable and the link back is found by looking refunds up.
 *
 * Amounts are shares of the original, never re-priced: after refunding r of a
 * line's Q units, round(A x r / Q) of its amount A has gone back, and each tax
 * group's tax is shared the same way over the group's amount. So any sequence
 * of partial refunds returns exactly the sale's total and tax, never a cent more,
 * whatever the discounts and rounding were.
 */
import { conflict, invalid, notFound } from './errors.ts';
import type { Hlc } from './hlc.ts';
import type { LineId, OrderId, TillCode } from './ids.ts';
import { mulDivRound } from './money.ts';
import { lineAmounts } from './pricing.ts';
import type { Order, StaffRef, TaxTotal } from './schema.ts';
import { newCart } from './cart.ts';

export interface RefundLineRequest {
  lineId: LineId;
  qty: number;
}

/** Where and by whom a new order is made (a refund, a cart rebuilt from a transfer). */
export interface NewOrderContext {
  id: OrderId;
  till: TillCode;
  businessDate: string;
  at: Hlc;
  by: StaffRef;
  newLineId: () => LineId;
}

export function buildRefund(
  original: Order,
  request: readonly RefundLineRequest[],
  alreadyRefunded: ReadonlyMap<LineId, number>,
  ctx: NewOrderContext,
): Order {
  if (original.kind !== 'sale' || original.status !== 'paid' || !original.number) {
    throw conflict('NOT_REFUNDABLE', `order ${original.number ?? original.id} is not a paid sale`);
  }
  if (request.length === 0) throw invalid('EMPTY_REFUND', 'choose at least one line to refund');
  const seen = new Set<LineId>();
  const lines = request.map((item) => {
    if (seen.has(item.lineId))
      throw invalid('DUPLICATE_LINE', `line ${item.lineId} is listed twice`);
    seen.add(item.lineId);
    const line = original.lines.find((l) => l.id === item.lineId);
    if (!line)
      throw notFound('LINE_NOT_FOUND', `order ${original.number} has no line ${item.lineId}`);
    const left = line.qty - (alreadyRefunded.get(line.id) ?? 0);
    if (!Number.isInteger(item.qty) || item.qty < 1 || item.qty > left) {
      throw conflict(
        'REFUND_TOO_LARGE',
        `line "${line.name}" of ${original.number}: ${left} of ${line.qty} left to refund, asked ${item.qty}`,
      );
    }
    const amount = lineAmounts(line).amount;
    const before = share(amount, alreadyRefunded.get(line.id) ?? 0, line.qty);
    const after = share(amount, (alreadyRefunded.get(line.id) ?? 0) + item.qty, line.qty);
    return {
      ...line,
      id: ctx.newLineId(),
      qty: -item.qty,
      refundOfLine: line.id,
      fixedAmount: before - after,
    };
  });
  const cart = newCart({ ...ctx, currency: original.currency });
  return {
    ...cart,
    kind: 'refund',
    lines,
    customer: original.customer,
    refundOf: { id: original.id, number: original.number },
    fixedTaxes: taxShares(original, request, alreadyRefunded),
  };
}

/** round(total x part / whole), 0 when there is nothing to share. */
function share(total: number, part: number, whole: number): number {
  return whole === 0 ? 0 : mulDivRound(total, part, whole);
}

const groupKey = (t: { id?: string; taxId?: string; rateBp: number; included: boolean }) =>
  `${t.taxId ?? t.id}|${t.rateBp}|${t.included}`;

/** Each touched tax group gives back its share of the original tax, as negative totals. */
function taxShares(
  original: Order,
  request: readonly RefundLineRequest[],
  alreadyRefunded: ReadonlyMap<LineId, number>,
): TaxTotal[] {
  const asked = new Map(request.map((r) => [r.lineId, r.qty]));
  const shares: TaxTotal[] = [];
  for (const group of original.totals?.taxes ?? []) {
    const key = groupKey(group);
    const lines = original.lines.filter((l) => groupKey(l.tax) === key);
    const whole = lines.reduce((sum, l) => sum + lineAmounts(l).amount, 0);
    let before = 0;
    let after = 0;
    for (const l of lines) {
      const amount = lineAmounts(l).amount;
      const done = alreadyRefunded.get(l.id) ?? 0;
      before += share(amount, done, l.qty);
      after += share(amount, done + (asked.get(l.id) ?? 0), l.qty);
    }
    if (after === before) continue;
    const tax = share(group.tax, before, whole) - share(group.tax, after, whole);
    const amount = before - after;
    shares.push({ ...group, base: group.included ? amount - tax : amount, tax });
  }
  return shares;
}
