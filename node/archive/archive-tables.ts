/**
 * The archive's tables as both sinks write them: columns, keys, and what a
 * conflict on the key does. The DDL lives in migrations/, per dialect; this is
 * the part that is the same SQL everywhere. Every key starts with mesh_id, the
 * column a partitioned or distributed PostgreSQL (Citus) shards on.
 */
import type { ArchiveKind } from './archive-sink.ts';

export type SqlValue = string | number | boolean | null;
export type Row = Readonly<Record<string, SqlValue>>;

export interface TableDef {
  name: string;
  columns: readonly string[];
  key: readonly string[];
  /** Immutable records are never touched again; a mutable one is replaced when `newerWhen` grew. */
  onConflict: 'ignore' | { newerWhen: string };
}

const table = (
  name: string,
  key: readonly string[],
  rest: readonly string[],
  onConflict: TableDef['onConflict'] = 'ignore',
): TableDef => ({ name, key, columns: [...key, ...rest], onConflict });

/** In the order a write goes through them, so concurrent writers take row locks in one order. */
export const TABLES = {
  orders: table(
    'orders',
    ['mesh_id', 'id'],
    [
      ...['till', 'business_date', 'number', 'kind', 'currency'],
      ...['gross', 'discount', 'tax', 'total', 'paid', 'change_given'],
      ...['closed_at', 'refund_of', 'transfer_ref', 'signer', 'sig'],
      ...['chain_seq', 'chain_prev', 'chain_running', 'record', 'doc'],
    ],
  ),
  order_lines: table(
    'order_lines',
    ['mesh_id', 'order_id', 'idx'],
    [
      ...['line_id', 'product_id', 'name', 'qty', 'unit_price', 'price_override', 'weight_grams'],
      ...['discount_bp', 'gross', 'discount', 'amount', 'tax_id', 'tax_rate_bp', 'tax_included'],
      'refund_of_line',
    ],
  ),
  order_payments: table('order_payments', ['mesh_id', 'order_id', 'idx'], ['method', 'amount']),
  order_taxes: table(
    'order_taxes',
    ['mesh_id', 'order_id', 'idx'],
    ['tax_id', 'name', 'rate_bp', 'included', 'base', 'tax'],
  ),
  transfers: table(
    'transfers',
    ['mesh_id', 'id'],
    [
      ...['status', 'from_till', 'finalised_by', 'order_number'],
      ...['event_count', 'sent_at', 'last_event_at', 'events'],
    ],
    { newerWhen: 'event_count' },
  ),
  cash_moves: table(
    'cash_moves',
    ['mesh_id', 'id'],
    ['till', 'business_date', 'amount', 'reason', 'at', 'by_id', 'approved_by_id', 'record'],
  ),
  drawer_openings: table(
    'drawer_openings',
    ['mesh_id', 'id'],
    [
      ...['till', 'business_date', 'kind', 'order_id', 'order_number', 'reason', 'at', 'by_id'],
      'record',
    ],
  ),
  z_reports: table(
    'z_reports',
    ['mesh_id', 'id'],
    [
      ...['till', 'business_date', 'session', 'currency', 'opened_at', 'closed_at'],
      ...['sales_count', 'sales_total', 'refunds_count', 'refunds_total', 'net', 'meta', 'report'],
    ],
  ),
} as const satisfies Record<string, TableDef>;

export type TableName = keyof typeof TABLES;
export const TABLE_ORDER = Object.keys(TABLES) as TableName[];

/** The table that holds a kind's records, keyed by archiveKey() in its `id` column. */
export const KIND_TABLE: Record<ArchiveKind, TableName> = {
  order: 'orders',
  transfer: 'transfers',
  'cash-move': 'cash_moves',
  'drawer-opening': 'drawer_openings',
  'z-report': 'z_reports',
};

/** INSERT of `rows` rows with the table's conflict rule; `param(n)` spells the n-th parameter (1-based). */
export function insertSql(def: TableDef, rows: number, param: (n: number) => string): string {
  const width = def.columns.length;
  const tuples = Array.from(
    { length: rows },
    (_, r) => `(${def.columns.map((_, c) => param(r * width + c + 1)).join(', ')})`,
  );
  const head = `INSERT INTO ${def.name} (${def.columns.join(', ')}) VALUES ${tuples.join(', ')}`;
  const target = `ON CONFLICT (${def.key.join(', ')})`;
  if (def.onConflict === 'ignore') return `${head} ${target} DO NOTHING`;
  const updated = def.columns.filter((c) => !def.key.includes(c));
  const sets = updated.map((c) => `${c} = excluded.${c}`).join(', ');
  const grew = `${def.name}.${def.onConflict.newerWhen} < excluded.${def.onConflict.newerWhen}`;
  return `${head} ${target} DO UPDATE SET ${sets} WHERE ${grew}`;
}

/** A row's values in the table's column order; a missing column is a bug in archive-rows.ts. */
export function rowValues(def: TableDef, row: Row): SqlValue[] {
  return def.columns.map((column) => {
    const value = row[column];
    if (value === undefined) throw new Error(`archive row for ${def.name} lacks ${column}`);
    return value;
  });
}
