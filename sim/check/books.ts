/**
 * The books balance to the cent: every paid order's payments make its total
 * (change given back from cash), no till reuses an order number, each Z
 * report adds up (by method, cash expected, variance) and equals the orders
 * of its day as every till that closed or journaled it holds them, and each
 * live day's totals equal its orders.
 */
import type { DayReport } from '../../crdt/report.ts';
import type { Order } from '../../crdt/schema.ts';
import { paymentMethods } from '../../crdt/schema.ts';
import type { Till } from '../../node/till/till.ts';
import type { HeldOrder } from './held-orders.ts';
import type { ClosedDay, Ledger } from './ledger.ts';

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
const whole = (...values: number[]) => values.every((v) => Number.isSafeInteger(v));

function orderProblems(order: Order): string[] {
  const t = order.totals;
  if (!t) return [`${order.number}: paid without totals`];
  const paid = sum(order.payments.map((p) => p.amount));
  const problems: string[] = [];
  if (!whole(t.total, t.paid, t.change, t.gross, t.discount, paid))
    problems.push(`${order.number}: an amount is not whole cents`);
  if (paid !== t.paid) problems.push(`${order.number}: payments ${paid} but paid ${t.paid}`);
  if (t.paid - t.change !== t.total)
    problems.push(`${order.number}: paid ${t.paid} - change ${t.change} is not total ${t.total}`);
  if (order.kind === 'sale' ? t.total < 0 : t.total > 0 || t.change !== 0)
    problems.push(`${order.number}: a ${order.kind} of ${t.total} with change ${t.change}`);
  return problems;
}

/** A Z (or X) report adds up on its own. */
function reportProblems(name: string, r: DayReport): string[] {
  const problems: string[] = [];
  const byMethod = sum(paymentMethods.map((m) => r.byMethod[m]));
  if (r.sales.total + r.refunds.total !== r.net)
    problems.push(
      `${name}: sales ${r.sales.total} + refunds ${r.refunds.total} is not net ${r.net}`,
    );
  if (byMethod !== r.net) problems.push(`${name}: takings by method ${byMethod} but net ${r.net}`);
  const cash = r.cash.float + r.byMethod.cash + r.cash.cashIn + r.cash.cashOut;
  if (cash !== r.expected.cash)
    problems.push(`${name}: expected cash ${r.expected.cash}, is ${cash}`);
  for (const m of paymentMethods) {
    const counted = r.counted?.[m];
    if (counted !== undefined && r.variance?.[m] !== counted - r.expected[m])
      problems.push(`${name}: variance of ${m} is not counted - expected`);
  }
  return problems;
}

/** `counts(day)`: whether this till counts the records of the till that closed `day` (not a duplicate's). */
export function booksProblems(
  till: Till,
  held: Map<string, HeldOrder>,
  ledger: Ledger,
  counts: (day: ClosedDay) => boolean,
): string[] {
  const problems: string[] = [];
  const byDoc = new Map<string, Order[]>();
  const numbers = new Map<string, string>();
  for (const { order, doc } of held.values()) {
    problems.push(...orderProblems(order));
    // numbers are a till key's: a duplicate repeats its code's owner's, and is told so
    const number = `${order.signer ?? ''} ${order.number!}`;
    const other = numbers.get(number);
    if (other && other !== order.id) problems.push(`number ${order.number} used twice`);
    numbers.set(number, order.id);
    byDoc.set(doc, [...(byDoc.get(doc) ?? []), order]);
  }
  const { docs } = till.ctx;
  for (const day of ledger.closedDays) {
    const { doc, report } = day;
    problems.push(...reportProblems(doc, report));
    // only a till that closed or journaled the day holds all of it
    if (!docs.isClosed(doc) || !counts(day)) continue;
    const orders = byDoc.get(doc) ?? [];
    const net = sum(orders.map((o) => o.totals!.total));
    if (net !== report.net || orders.length !== report.sales.count + report.refunds.count)
      problems.push(
        `${doc}: Z report net ${report.net} of ${report.sales.count + report.refunds.count} orders, held ${net} of ${orders.length}`,
      );
  }
  for (const day of till.sales.liveDayTotals()) {
    const net = sum((byDoc.get(day.doc) ?? []).map((o) => o.totals!.total));
    if (net !== day.net) problems.push(`${day.doc}: live totals say ${day.net}, its orders ${net}`);
  }
  return problems;
}

/**
 * Overall, once the shop has healed: every till counts the same orders and the
 * same takings of each till code's owner (a duplicate counts its own as well).
 */
export function overallProblems(
  running: ReadonlyArray<{ host: string; till: Till }>,
  held: ReadonlyMap<string, Map<string, HeldOrder>>,
): string[] {
  const codes = new Set(
    [...held.values()].flatMap((h) => [...h.values()].map((o) => o.order.till)),
  );
  return [...codes].flatMap((code) => {
    const totals = running.map((t) => {
      const owner = t.till.ctx.registry.ownerOf(code);
      const all = [...held.get(t.host)!.values()].filter(
        (h) => h.order.till === code && (h.order.signer ?? owner) === owner,
      );
      return { host: t.host, count: all.length, net: sum(all.map((h) => h.order.totals!.total)) };
    });
    const first = totals[0];
    if (!first || totals.every((t) => t.count === first.count && t.net === first.net)) return [];
    return [
      `the tills disagree on ${code}: ${totals.map((t) => `${t.host} ${t.count} orders ${t.net}`).join(', ')}`,
    ];
  });
}
