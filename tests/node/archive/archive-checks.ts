/**
 * Checks an auditor would run on the archive: sums over the relational rows
 * against the till's Z report, and each archived order's signature and chain.
 */
import { expect } from 'vitest';
import { DAY, dayDocName } from '../../../crdt/documents.ts';
import type { Order } from '../../../crdt/schema.ts';
import { signingMessage } from '../../../crdt/signing.ts';
import { GENESIS, linkHash } from '../../../node/books/chain.ts';
import { ed25519 } from '../../../node/signatures.ts';
import type { TillDay } from './archive-fixtures.ts';

type Query = (sql: string) => Promise<Array<Record<string, unknown>>>;

/** Payments, change, taxes and lines of one till's day, summed by the database. */
export async function orderChecks(query: Query, day: TillDay, meshId: string): Promise<void> {
  const { till, businessDate } = day.report;
  const ofDay = (alias: string) =>
    `JOIN orders o ON o.mesh_id = ${alias}.mesh_id AND o.id = ${alias}.order_id
     WHERE o.mesh_id = '${meshId}' AND o.till = '${till}' AND o.business_date = '${businessDate}'`;
  const payments = await query(
    `SELECT p.method, CAST(SUM(p.amount) AS bigint) AS total FROM order_payments p ${ofDay('p')}
     GROUP BY p.method ORDER BY p.method`,
  );
  const [change] = await query(
    `SELECT CAST(SUM(change_given) AS bigint) AS total FROM orders
     WHERE mesh_id = '${meshId}' AND till = '${till}' AND business_date = '${businessDate}'`,
  );
  const byMethod = Object.fromEntries(payments.map((p) => [p.method, Number(p.total)]));
  byMethod.cash = (byMethod.cash ?? 0) - Number(change?.total);
  expect(byMethod).toEqual(day.report.byMethod);

  const taxes = await query(
    `SELECT t.tax_id, t.rate_bp, CAST(SUM(t.base) AS bigint) AS base, CAST(SUM(t.tax) AS bigint) AS tax
     FROM order_taxes t ${ofDay('t')} GROUP BY t.tax_id, t.rate_bp ORDER BY t.rate_bp`,
  );
  expect(taxes.map((t) => [t.tax_id, Number(t.rate_bp), Number(t.base), Number(t.tax)])).toEqual(
    day.report.taxes.map((t) => [t.taxId, t.rateBp, t.base, t.tax]),
  );
  expect(taxes.length).toBe(2);

  // every tax of the fixture is included in the price: the lines add up to the takings
  const [lines] = await query(
    `SELECT CAST(SUM(l.amount) AS bigint) AS total FROM order_lines l ${ofDay('l')}`,
  );
  expect(Number(lines?.total)).toBe(day.report.net);
}

/** Each order signed by its till for its place (in the day's first session), each pointing at the one before. */
export function expectValidChain(orders: readonly Order[]): void {
  let prev = GENESIS;
  let running = 0;
  for (const order of orders) {
    const doc = dayDocName({ till: order.till, businessDate: order.businessDate, session: 1 });
    const place = { doc, map: DAY.orders, key: order.id };
    expect(ed25519.verify(order.signer!, signingMessage(place, order), order.sig!)).toBe(true);
    running += order.totals!.total;
    expect(order.chain).toEqual({ seq: expect.any(Number), prev, running });
    prev = linkHash(order.sig!);
  }
}
