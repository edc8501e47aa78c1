/**
 * A paid order as rows: the order's report columns and signed record (with the day
 * document `doc` it was signed in), its lines, payments and taxes.
 */
import { lineAmounts } from '../../crdt/pricing.ts';
import type { Order, Totals } from '../../crdt/schema.ts';
import type { Row, TableName } from './archive-tables.ts';

export function orderRows(
  meshId: string,
  order: Order & { totals: Totals },
  doc: string,
): Array<[TableName, Row]> {
  const { totals } = order;
  // the keys are written out in every row: a spread before many properties is ~30x slower in V8
  const parent = { mesh_id: meshId, order_id: order.id };
  const rows: Array<[TableName, Row]> = [
    [
      'orders',
      {
        mesh_id: meshId,
        id: order.id,
        till: order.till,
        business_date: order.businessDate,
        number: order.number,
        kind: order.kind,
        currency: order.currency,
        gross: totals.gross,
        discount: totals.discount,
        tax: totals.taxTotal,
        total: totals.total,
        paid: totals.paid,
        change_given: totals.change,
        closed_at: order.closedAt,
        refund_of: order.refundOf?.id ?? null,
        transfer_ref: order.transferRef,
        signer: order.signer ?? null,
        sig: order.sig ?? null,
        chain_seq: order.chain?.seq ?? null,
        chain_prev: order.chain?.prev ?? null,
        chain_running: order.chain?.running ?? null,
        record: JSON.stringify(order),
        doc,
      },
    ],
  ];
  for (const [idx, line] of order.lines.entries()) {
    const amounts = lineAmounts(line);
    rows.push([
      'order_lines',
      {
        mesh_id: parent.mesh_id,
        order_id: parent.order_id,
        idx,
        line_id: line.id,
        product_id: line.productId,
        name: line.name,
        qty: line.qty,
        unit_price: line.unitPrice,
        price_override: line.priceOverride,
        weight_grams: line.weightGrams,
        discount_bp: line.discountBp,
        gross: amounts.gross,
        discount: amounts.discount,
        amount: amounts.amount,
        tax_id: line.tax.id,
        tax_rate_bp: line.tax.rateBp,
        tax_included: line.tax.included,
        refund_of_line: line.refundOfLine,
      },
    ]);
  }
  for (const [idx, p] of order.payments.entries())
    rows.push([
      'order_payments',
      {
        mesh_id: parent.mesh_id,
        order_id: parent.order_id,
        idx,
        method: p.method,
        amount: p.amount,
      },
    ]);
  for (const [idx, t] of totals.taxes.entries()) {
    rows.push([
      'order_taxes',
      {
        mesh_id: parent.mesh_id,
        order_id: parent.order_id,
        idx,
        tax_id: t.taxId,
        name: t.name,
        rate_bp: t.rateBp,
        included: t.included,
        base: t.base,
        tax: t.tax,
      },
    ]);
  }
  return rows;
}
