/**
 * The baseline of the archive's write: the same rows (planWrite of the same
 * batch) in one transaction of plain multi-row INSERTs, one per table, into
 * bare copies of the archive's tables (same columns, no key, no index, no
 * ON CONFLICT). What a sink's write costs above it is what idempotency costs.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { planWrite } from '../node/archive/archive-rows.ts';
import type { ArchiveRecord } from '../node/archive/archive-sink.ts';
import type { SqlValue, TableDef } from '../node/archive/archive-tables.ts';
import { insertSql, rowValues, TABLE_ORDER, TABLES } from '../node/archive/archive-tables.ts';

const bare = (table: string) => `bare_${table}`;

/**
 * The sinks' own INSERT, aimed at the bare table and cut before its conflict
 * clause: column list and parameter layout stay exactly the sinks'.
 */
function plainInsertSql(def: TableDef, rows: number, param: (n: number) => string): string {
  const sql = insertSql({ ...def, name: bare(def.name) }, rows, param);
  return sql.slice(0, sql.indexOf(' ON CONFLICT '));
}

/** Bare copies of every archive table, in a database the sink has migrated. */
export async function createBareTablesPg(client: pg.Client): Promise<void> {
  // LIKE copies columns, types and NOT NULL, and (without INCLUDING) no key or index
  for (const table of TABLE_ORDER)
    await client.query(`CREATE TABLE ${bare(table)} (LIKE ${table})`);
}

export async function plainWritePg(client: pg.Client, records: ArchiveRecord[]): Promise<void> {
  await client.query('BEGIN');
  for (const { table, rows } of planWrite(records)) {
    const def = TABLES[table];
    const values = rows.flatMap((row) => rowValues(def, row));
    await client.query(
      plainInsertSql(def, rows.length, (n) => `$${n}`),
      values,
    );
  }
  await client.query('COMMIT');
}

export function createBareTablesSqlite(db: Database.Database): void {
  for (const table of TABLE_ORDER)
    db.exec(`CREATE TABLE ${bare(table)} AS SELECT * FROM ${table} WHERE 0`);
}

/** better-sqlite3 binds no booleans, as in the SQLite sink. */
const bind = (value: SqlValue) => (typeof value === 'boolean' ? Number(value) : value);

/** Prepared once per shape, as the SQLite sink prepares its statements once. */
const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function statement(db: Database.Database, sql: string): Database.Statement {
  const cache = prepared.get(db) ?? new Map<string, Database.Statement>();
  prepared.set(db, cache);
  let found = cache.get(sql);
  if (!found) cache.set(sql, (found = db.prepare(sql)));
  return found;
}

export function plainWriteSqlite(db: Database.Database, records: ArchiveRecord[]): void {
  db.transaction(() => {
    for (const { table, rows } of planWrite(records)) {
      const def = TABLES[table];
      const values = rows.flatMap((row) => rowValues(def, row).map(bind));
      statement(
        db,
        plainInsertSql(def, rows.length, () => '?'),
      ).run(values);
    }
  }).immediate();
}
