/** Every paid order a till counts, whoever sold it: its journal (closed days) and its live day documents. */
import { parseDocName } from '../../crdt/documents.ts';
import type { Order } from '../../crdt/schema.ts';
import { orderSchema } from '../../crdt/schema.ts';
import { countedHere, dayView } from '../../node/till/context.ts';
import type { Till } from '../../node/till/till.ts';

export interface HeldOrder {
  order: Order;
  /** The day document it was paid in. */
  doc: string;
}

export function heldOrders(till: Till): Map<string, HeldOrder> {
  const held = new Map<string, HeldOrder>();
  for (const { raw, doc } of till.ctx.journal.signedOrders()) {
    const parsed = orderSchema.safeParse(raw);
    if (parsed.success && countedHere(till.ctx, parsed.data))
      held.set(parsed.data.id, { order: parsed.data, doc: doc ?? '' });
  }
  const { docs } = till.ctx;
  for (const name of docs.names()) {
    if (parseDocName(name)?.kind !== 'day') continue;
    for (const order of dayView(till.ctx, docs.get(name)!, name).orders())
      if (order.status === 'paid') held.set(order.id, { order, doc: name });
  }
  return held;
}
