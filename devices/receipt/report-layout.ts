/**
 * Tickets of the receipt printer that are not sales: a day's X or Z report and
 * the settings screen's test page. Same document as a receipt, so the one
 * ESC/POS encoder, the SVG preview and the decoder take them unchanged.
 */
import { hlcWall } from '../../crdt/hlc.ts';
import type { Hlc } from '../../crdt/hlc.ts';
import { currencyDecimals, formatMoney, toDecimalString } from '../../crdt/money.ts';
import type { DayReport } from '../../crdt/report.ts';
import { paymentMethods } from '../../crdt/schema.ts';
import { center, row, wrapWords } from '../text-fit.ts';
import type { ReceiptBlock, ReceiptDoc } from './receipt-doc.ts';
import { localDateTime, METHOD_NAMES, taxRow } from './receipt-layout.ts';

export interface TicketHeader {
  shopName: string;
  till: { code: string; name: string };
  columns: number;
  /** When it was asked for (ms): a report printed later still says which moment it shows. */
  at: number;
  /** IANA zone for printed times; the machine's zone when absent. */
  timeZone?: string;
}

function ticket(header: TicketHeader, title: string) {
  const w = header.columns;
  const blocks: ReceiptBlock[] = [];
  const text = (t: string, style: { bold?: boolean; double?: boolean } = {}) =>
    blocks.push({ type: 'text', text: t.trimEnd(), bold: !!style.bold, double: !!style.double });
  for (const l of wrapWords(header.shopName, w / 2))
    text(center(l, w / 2), { bold: true, double: true });
  text(center(title, w / 2), { bold: true, double: true });
  text(row(`Till ${header.till.code}`, header.till.name, w));
  text(row('Printed', localDateTime(header.at, header.timeZone), w));
  const done = (): ReceiptDoc => {
    text('');
    blocks.push({ type: 'cut' });
    return { columns: w, blocks };
  };
  return { w, text, rule: () => text('-'.repeat(w)), done };
}

export function reportLayout(report: DayReport, header: TicketHeader): ReceiptDoc {
  const { w, text, rule, done } = ticket(header, report.closed ? 'Z REPORT' : 'X REPORT');
  const decimals = currencyDecimals(report.currency);
  const amount = (minor: number) => toDecimalString(minor, decimals);
  const when = (at: string) => localDateTime(hlcWall(at as Hlc), header.timeZone);
  const session = report.session > 1 ? ` #${report.session}` : '';
  text(row('Business day', `${report.businessDate}${session}`, w), { bold: true });
  text(row('Opened', when(report.openedAt), w));
  if (report.closedAt) text(row('Closed', when(report.closedAt), w));
  if (report.firstNumber) text(row('Orders', `${report.firstNumber}..${report.lastNumber}`, w));
  rule();
  text(row(`Sales (${report.sales.count})`, amount(report.sales.total), w));
  text(row('  of which discounts', amount(-report.sales.discount), w));
  text(row(`Refunds (${report.refunds.count})`, amount(report.refunds.total), w));
  text(row('NET', formatMoney(report.net, report.currency), w / 2), { bold: true, double: true });
  text(row('Voided carts', String(report.voidedCount), w));
  text(row('Open carts', String(report.openCarts), w));
  rule();
  text('By payment method', { bold: true });
  for (const method of paymentMethods) {
    text(row(METHOD_NAMES[method], amount(report.byMethod[method]), w));
    const counted = report.counted?.[method];
    if (counted === undefined) continue;
    const variance = report.variance?.[method] ?? 0;
    text(row('  expected', amount(report.expected[method]), w));
    text(row('  counted', amount(counted), w));
    text(row('  variance', `${variance > 0 ? '+' : ''}${amount(variance)}`, w), { bold: true });
  }
  if (report.taxes.length) {
    rule();
    text('Taxes', { bold: true });
    for (const tax of report.taxes) text(taxRow(tax, w, amount));
  }
  rule();
  text('Cash drawer', { bold: true });
  text(row('Float', amount(report.cash.float), w));
  text(row('Cash takings', amount(report.cash.takings), w));
  text(row('Paid in', amount(report.cash.cashIn), w));
  text(row('Paid out', amount(report.cash.cashOut), w));
  text(row('Expected in drawer', amount(report.cash.expected), w), { bold: true });
  text(row('Opened for sales', String(report.drawer.sales), w));
  text(row('Opened without a sale', String(report.drawer.noSale), w));
  for (const o of report.drawer.noSaleOpenings)
    for (const l of wrapWords(`  ${when(o.at)} ${o.by.name}: ${o.reason}`, w)) text(l);
  return done();
}

/** A page that shows the printer prints, cuts, and has the code pages a receipt needs. */
export function testPageLayout(header: TicketHeader): ReceiptDoc {
  const { w, text, rule, done } = ticket(header, 'TEST PRINT');
  rule();
  text('Bold line', { bold: true });
  text(row('Left', 'right', w));
  text('Accents: é è ü ß ç € £');
  text('1234567890'.repeat(Math.ceil(w / 10)).slice(0, w));
  rule();
  text(center('The printer works.', w));
  return done();
}
