/**
 * The read side, in SQL both databases run: day totals summed by the database
 * over the orders' bigint columns, a day's orders back as signed, and one
 * signer's orders streamed in key order for verify.
 */
import type { Order } from '../../crdt/schema.ts';
import type { HeldRecord } from '../books/verify-books.ts';
import type { ArchivedDayTotals } from './archive-sink.ts';

/** The parameters of the day-totals query, spelt by the dialect. */
export function dayTotalsSql(param: (n: number) => string, meshId?: string): string {
  // CAST(... AS bigint): PostgreSQL's SUM(bigint) is numeric; a bigint says integers only,
  // and an overflow fails loudly instead of rounding.
  const sum = (expr: string) => `CAST(SUM(${expr}) AS bigint)`;
  return `
    SELECT mesh_id, till, business_date, currency,
      ${sum("CASE WHEN kind = 'sale' THEN 1 ELSE 0 END")} AS sales,
      ${sum("CASE WHEN kind = 'sale' THEN total ELSE 0 END")} AS sales_total,
      ${sum("CASE WHEN kind = 'refund' THEN 1 ELSE 0 END")} AS refunds,
      ${sum("CASE WHEN kind = 'refund' THEN total ELSE 0 END")} AS refunds_total,
      ${sum('total')} AS net
    FROM orders
    ${meshId === undefined ? '' : `WHERE mesh_id = ${param(1)}`}
    GROUP BY mesh_id, till, business_date, currency
    ORDER BY business_date, till, mesh_id, currency`;
}

/** Number order within one till and day: numbers share a prefix, so shorter is smaller. */
export function dayOrdersSql(param: (n: number) => string): string {
  return `
    SELECT record FROM orders
    WHERE mesh_id = ${param(1)} AND till = ${param(2)} AND business_date = ${param(3)}
    ORDER BY length(number), number`;
}

/** Signers by their first till code: the order verify reports tills in. */
export function orderSignersSql(param: (n: number) => string): string {
  return `
    SELECT signer FROM orders WHERE mesh_id = ${param(1)}
    GROUP BY signer ORDER BY MIN(till), signer`;
}

/**
 * One page of a signer's orders after key `after` ('' for the first page): keyset paging
 * on the (mesh_id, signer, id) index, so every page costs the same however deep it is.
 * Parameters: mesh id, then the signer unless it is null, then `after`.
 */
export function signedOrdersSql(
  param: (n: number) => string,
  signer: string | null,
  batch: number,
): string {
  const bySigner = signer === null ? 'signer IS NULL' : `signer = ${param(2)}`;
  return `
    SELECT id, record, doc FROM orders
    WHERE mesh_id = ${param(1)} AND ${bySigner} AND id > ${param(signer === null ? 2 : 3)}
    ORDER BY id LIMIT ${batch}`;
}

/**
 * Pages through a signer's orders with `page(args)` (the args of signedOrdersSql) until one
 * comes back short; each sink supplies its own query.
 */
export async function* pagedOrders(
  meshId: string,
  signer: string | null,
  batch: number,
  page: (args: string[]) => Promise<Array<Record<string, unknown>>>,
): AsyncGenerator<HeldRecord> {
  if (!Number.isSafeInteger(batch) || batch < 1)
    throw new RangeError(`rows per read must be a positive integer, got ${batch}`);
  let after = '';
  for (;;) {
    const rows = await page(signer === null ? [meshId, after] : [meshId, signer, after]);
    for (const row of rows)
      yield { raw: toOrder(row.record), doc: typeof row.doc === 'string' ? row.doc : null };
    if (rows.length < batch) return;
    after = String(rows.at(-1)!.id);
  }
}

/** A bigint as the driver returns it (a string from pg, a number from SQLite), checked exact. */
export function toMinor(value: unknown, what: string): number {
  const n = typeof value === 'string' || typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new RangeError(`archive ${what} is not a safe integer: ${String(value)}`);
  }
  return n;
}

export function toDayTotals(row: Record<string, unknown>): ArchivedDayTotals {
  const text = (column: string) => String(row[column]);
  return {
    meshId: text('mesh_id'),
    till: text('till'),
    businessDate: text('business_date'),
    currency: text('currency'),
    sales: toMinor(row.sales, 'sales count'),
    salesTotal: toMinor(row.sales_total, 'sales total'),
    refunds: toMinor(row.refunds, 'refunds count'),
    refundsTotal: toMinor(row.refunds_total, 'refunds total'),
    net: toMinor(row.net, 'net total'),
  };
}

/** The record column: parsed already by pg (jsonb), text from SQLite. */
export function toOrder(record: unknown): Order {
  return (typeof record === 'string' ? JSON.parse(record) : record) as Order;
}
