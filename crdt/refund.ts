/**
 * Refunds against an earlier paid sale: chosen lines and quantities, never more
 * than was sold minus what earlier refunds already returned. A refund is its own
 * order (negative lines, own number) pointing at the original; the original
 * stays immutable and the link back is found by looking refunds up.
 */
import { conflict, invalid, notFound } from './errors.ts';
import type { Hlc } from './hlc.ts';
import type { LineId, OrderId, TillCode } from './ids.ts';
import type { Order, StaffRef } from './schema.ts';
import { newCart } from './cart.ts';

export interface RefundLineRequest {
  lineId: LineId;
  qty: number;
}

export interface RefundContext {
  id: OrderId;
  till: TillCode;
  businessDate: string;
  at: Hlc;
  by: StaffRef;
  newLineId: () => LineId;
}

/** Quantity already refunded per original line, from the refunds that exist. */
export function refundedQuantities(refunds: readonly Order[]): Map<LineId, number> {
  const result = new Map<LineId, number>();
  for (const refund of refunds) {
    if (refund.kind !== 'refund' || refund.status !== 'paid') continue;
    for (const line of refund.lines) {
      if (line.refundOfLine)
        result.set(line.refundOfLine, (result.get(line.refundOfLine) ?? 0) - line.qty);
    }
  }
  return result;
}

export function buildRefund(
  original: Order,
  request: readonly RefundLineRequest[],
  alreadyRefunded: ReadonlyMap<LineId, number>,
  ctx: RefundContext,
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
    return { ...line, id: ctx.newLineId(), qty: -item.qty, refundOfLine: line.id };
  });
  const cart = newCart({ ...ctx, currency: original.currency });
  return {
    ...cart,
    kind: 'refund',
    lines,
    customer: original.customer,
    refundOf: { id: original.id, number: original.number },
  };
}
