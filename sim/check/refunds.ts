/**
 * No sale is refunded beyond what it sold without a recorded conflict: counted
 * here from the paid refund orders a till holds, independently of the
 * product's own reckoning, then looked up in the conflicts the till reports.
 */
import type { Till } from '../../node/till/till.ts';
import type { HeldOrder } from './held-orders.ts';

export function refundProblems(till: Till, held: Map<string, HeldOrder>): string[] {
  const refunded = new Map<string, number>();
  for (const { order } of held.values()) {
    if (order.kind !== 'refund') continue;
    for (const line of order.lines)
      if (line.refundOfLine)
        refunded.set(line.refundOfLine, (refunded.get(line.refundOfLine) ?? 0) - line.qty);
  }
  const problems: string[] = [];
  let recorded: Set<string> | undefined;
  for (const { order } of held.values()) {
    if (order.kind !== 'sale') continue;
    for (const line of order.lines) {
      const back = refunded.get(line.id) ?? 0;
      if (back <= line.qty) continue;
      recorded ??= new Set(till.refunds.conflicts().map((c) => `${c.originalId}/${c.lineId}`));
      if (!recorded.has(`${order.id}/${line.id}`))
        problems.push(
          `${order.number} line ${line.name}: sold ${line.qty}, refunded ${back}, no conflict recorded`,
        );
    }
  }
  return problems;
}
