/**
 * The one receipt layout: a paid order (or refund) as printed lines. The printer
 * and the on-screen preview both render what this returns.
 */
import { hlcWall } from '../../crdt/hlc.ts';
import { currencyDecimals, formatMoney, percent, toDecimalString } from '../../crdt/money.ts';
import { lineAmounts } from '../../crdt/pricing.ts';
import type { Line, Order, Payment, TaxTotal } from '../../crdt/schema.ts';
import { shortTransferRef } from '../../crdt/transfer-ref.ts';
import { center, row, wrapWords } from '../text-fit.ts';
import type { ImageBlock, ReceiptBlock, ReceiptDoc } from './receipt-doc.ts';

export interface ReceiptInput {
  order: Order;
  shop: { name: string; header: string; footer: string };
  till: { code: string; name: string };
  columns: number;
  /** A reprint: marked as a copy at the top and the bottom. */
  copy: boolean;
  /** What the QR code carries: the order number (scanning it opens the order). */
  qr: string;
  logo?: ImageBlock;
  /** IANA zone for the printed time; the machine's zone when absent. */
  timeZone?: string;
}

export const METHOD_NAMES: Record<Payment['method'], string> = {
  cash: 'Cash',
  card: 'Card',
  other: 'Other',
};

/** "2026-12-01 21:40" in the till's zone. */
export function localDateTime(ms: number, timeZone?: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

export function receiptLayout(input: ReceiptInput): ReceiptDoc {
  const { order, columns: w } = input;
  const totals = order.totals;
  if (order.status !== 'paid' || !totals || !order.number)
    throw new Error(`order ${order.id} is not paid: only paid orders have a receipt`);
  const decimals = currencyDecimals(order.currency);
  const amount = (minor: number) => toDecimalString(minor, decimals);
  const blocks: ReceiptBlock[] = [];
  const text = (t: string, style: { bold?: boolean; double?: boolean } = {}) =>
    blocks.push({ type: 'text', text: t.trimEnd(), bold: !!style.bold, double: !!style.double });
  const rule = () => text('-'.repeat(w));
  const copyMark = () => input.copy && text(center('*** COPY ***', w), { bold: true });

  if (input.logo) blocks.push(input.logo);
  copyMark();
  for (const l of wrapWords(input.shop.name, w / 2))
    text(center(l, w / 2), { bold: true, double: true });
  for (const l of input.shop.header.split('\n').flatMap((h) => wrapWords(h, w))) text(center(l, w));
  text('');
  text(row(`Till ${input.till.code}`, input.till.name, w));
  text(row(order.kind === 'refund' ? 'Refund' : 'Order', order.number, w), { bold: true });
  const when = localDateTime(hlcWall(order.closedAt ?? order.updatedAt), input.timeZone);
  text(row(when, `Cashier ${order.closedBy?.name ?? order.openedBy.name}`, w));
  if (order.customer) text(row('Customer', order.customer.name, w));
  rule();
  for (const line of order.lines) lineRows(line, w, amount).forEach((t) => text(t));
  rule();
  if (totals.discount !== 0) {
    text(row('Subtotal', amount(totals.gross), w));
    text(row('Discounts', amount(-totals.discount), w));
  }
  for (const tax of totals.taxes.filter((t) => !t.included)) text(taxRow(tax, w, amount));
  text(row('TOTAL', formatMoney(totals.total, order.currency), w / 2), {
    bold: true,
    double: true,
  });
  for (const tax of totals.taxes.filter((t) => t.included)) text(taxRow(tax, w, amount));
  rule();
  for (const p of order.payments) text(row(METHOD_NAMES[p.method], amount(p.amount), w));
  if (totals.change > 0) text(row('Change', amount(totals.change), w), { bold: true });
  if (order.transferRef || order.refundOf || order.note) rule();
  if (order.transferRef) text(row('Related transfer', shortTransferRef(order.transferRef), w));
  if (order.refundOf) text(row('Refund of', order.refundOf.number, w));
  if (order.note) for (const l of wrapWords(`Note: ${order.note}`, w)) text(l);
  text('');
  for (const l of input.shop.footer.split('\n').flatMap((f) => wrapWords(f, w))) text(center(l, w));
  blocks.push({ type: 'qr', data: input.qr });
  text(center(order.number, w));
  copyMark();
  blocks.push({ type: 'cut' });
  return { columns: w, blocks };
}

function lineRows(line: Line, w: number, amount: (m: number) => string): string[] {
  const a = lineAmounts(line);
  const price = line.priceOverride ?? line.unitPrice;
  const simple =
    line.qty === 1 &&
    line.weightGrams === null &&
    line.priceOverride === null &&
    a.discount === 0 &&
    line.fixedAmount === null;
  if (simple) return [row(line.name, amount(a.amount), w)];
  const rows = wrapWords(line.name, w);
  const qty =
    line.weightGrams === null
      ? `${line.qty} x ${amount(price)}`
      : `${line.qty === 1 ? '' : `${line.qty} x `}${toDecimalString(line.weightGrams, 3)} kg x ${amount(price)}/kg`;
  const was = line.priceOverride !== null ? ` (was ${amount(line.unitPrice)})` : '';
  // a refund line returns its exact share of the sale, discount included: one amount
  if (line.fixedAmount !== null) return [...rows, row(`  ${qty}${was}`, amount(a.amount), w)];
  rows.push(row(`  ${qty}${was}`, amount(a.gross), w));
  if (a.discount !== 0)
    rows.push(row(`  Discount ${percent(line.discountBp)}`, amount(-a.discount), w));
  return rows;
}

export function taxRow(tax: TaxTotal, w: number, amount: (m: number) => string): string {
  const rate = percent(tax.rateBp);
  // tax names often carry their rate already ("VAT 20%"): print it once
  const name = tax.name.includes(rate) ? tax.name : `${tax.name} ${rate}`;
  const label = `${name}${tax.included ? ' incl.' : ''} on ${amount(tax.base)}`;
  return row(label, amount(tax.tax), w);
}
