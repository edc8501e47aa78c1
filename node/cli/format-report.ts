/** A day report as text, for the CLI and (later) the printer. */
import { hlcWall } from '../../crdt/hlc.ts';
import type { Hlc } from '../../crdt/hlc.ts';
import { formatMoney } from '../../crdt/money.ts';
import type { DayReport } from '../../crdt/report.ts';
import { paymentMethods } from '../../crdt/schema.ts';

const iso = (at: string) => new Date(hlcWall(at as Hlc)).toISOString();

export function formatDayReport(report: DayReport): string {
  const m = (minor: number) => formatMoney(minor, report.currency);
  const row = (label: string, value: string) => `  ${label.padEnd(28)}${value.padStart(16)}`;
  const lines = [
    `${report.closed ? 'Z' : 'X'} report  till ${report.till}  business day ${report.businessDate}${report.session > 1 ? ` (#${report.session})` : ''}`,
    `  opened ${iso(report.openedAt)}${report.closedAt ? `, closed ${iso(report.closedAt)}` : ''}`,
    '',
    row(`Sales (${report.sales.count})`, m(report.sales.total)),
    row('  of which discounts', m(-report.sales.discount)),
    row(`Refunds (${report.refunds.count})`, m(report.refunds.total)),
    row('Net takings', m(report.net)),
    row('Voided carts', String(report.voidedCount)),
    row('Open carts', String(report.openCarts)),
    '',
    '  By payment method',
    ...paymentMethods.map((method) => row(`  ${method}`, m(report.byMethod[method]))),
    '',
    '  Taxes',
    ...report.taxes.map((t) =>
      row(`  ${t.name}${t.included ? ' (incl.)' : ''} on ${m(t.base)}`, m(t.tax)),
    ),
    '',
    '  Cash drawer',
    row('  float', m(report.cash.float)),
    row('  cash takings', m(report.cash.takings)),
    row('  paid in', m(report.cash.cashIn)),
    row('  paid out', m(report.cash.cashOut)),
    row('  expected', m(report.cash.expected)),
    // reports journaled before drawer openings were kept have none
    ...(report.drawer
      ? [
          row('  opened for cash sales', String(report.drawer.sales)),
          row('  opened without a sale', String(report.drawer.noSale)),
          ...report.drawer.noSaleOpenings.map((o) => `    ${iso(o.at)} ${o.by.name}: ${o.reason}`),
        ]
      : []),
  ];
  if (report.counted && report.variance) {
    lines.push('', '  Counted at close');
    for (const method of paymentMethods) {
      const counted = report.counted[method];
      if (counted === undefined) continue;
      lines.push(
        row(
          `  ${method}`,
          `${m(counted)} (${(report.variance[method] ?? 0) >= 0 ? '+' : ''}${m(report.variance[method] ?? 0)})`,
        ),
      );
    }
  }
  if (report.firstNumber) lines.push('', `  orders ${report.firstNumber} .. ${report.lastNumber}`);
  return `${lines.join('\n')}\n`;
}
