/** What is left to refund of each line of a sale: sold, less what paid refunds and pending requests took. */
import type { RefundRequest } from '../../../../crdt/refund-requests.ts';
import type { Order } from '../../../../crdt/schema.ts';

export function refundedQty(refunds: readonly Order[], requests: readonly RefundRequest[]) {
  const taken = new Map<string, number>();
  const add = (lineId: string, qty: number) => taken.set(lineId, (taken.get(lineId) ?? 0) + qty);
  const paidIds = new Set(refunds.map((r) => r.id));
  for (const refund of refunds)
    for (const line of refund.lines) if (line.refundOfLine) add(line.refundOfLine, -line.qty);
  // granted or pending requests not yet paid out hold their quantities too
  for (const r of requests)
    if (
      (r.status === 'pending' || r.status === 'granted') &&
      !(r.paid && paidIds.has(r.paid.orderId))
    )
      for (const line of r.lines) add(line.lineId, line.qty);
  return taken;
}

export const leftOf = (sale: Order, taken: ReadonlyMap<string, number>) =>
  new Map(sale.lines.map((l) => [l.id, Math.max(0, l.qty - (taken.get(l.id) ?? 0))]));
