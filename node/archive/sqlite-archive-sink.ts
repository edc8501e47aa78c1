/**
 * The embedded archive: one SQLite file, opened like the till's database (WAL,
 * synchronous=FULL, so an archived record survives a power cut). Calls are
 * synchronous underneath; the interface is async for PostgreSQL's sake.
 */
import Database from 'better-sqlite3';
import { ArchiveUnavailableError } from './archive-errors.ts';
import {
  dayOrdersSql,
  dayTotalsSql,
  orderSignersSql,
  pagedOrders,
  signedOrdersSql,
  toDayTotals,
  toMinor,
  toOrder,
} from './archive-queries.ts';
import { planWrite } from './archive-rows.ts';
import type { ArchiveKind, ArchiveRecord, ArchiveSink, ArchivedDayTotals } from './archive-sink.ts';
import { ORDERS_PER_READ } from './archive-sink.ts';
import type { SqlValue, TableName } from './archive-tables.ts';
import { insertSql, KIND_TABLE, rowValues, TABLES } from './archive-tables.ts';
import {
  INSERT_MIGRATION_SQL,
  MIGRATIONS_TABLE_SQL,
  pendingMigrations,
} from './migrations/migration.ts';
import { SQLITE_MIGRATIONS } from './migrations/sqlite.ts';
import type { Order } from '../../crdt/schema.ts';
import type { HeldRecord } from '../books/verify-books.ts';

/** How long a writer waits for another connection's transaction, in milliseconds. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;
/** Keys per `IN (...)` of has(): far below SQLite's parameter limit. */
const KEYS_PER_QUERY = 500;

const param = () => '?';
/** better-sqlite3 is synchronous: a throw becomes the promise's rejection, as callers expect. */
const settle = <T>(fn: () => T): Promise<T> => new Promise<T>((resolve) => resolve(fn()));
/** better-sqlite3 binds no booleans: SQLite stores them as 0 and 1. */
const bind = (value: SqlValue) => (typeof value === 'boolean' ? Number(value) : value);

export class SqliteArchiveSink implements ArchiveSink {
  private db: Database.Database | null = null;
  private readonly inserts = new Map<TableName, Database.Statement>();

  constructor(private readonly file: string) {}

  start(): Promise<void> {
    return settle(() => {
      if (this.db) return;
      let db: Database.Database;
      try {
        db = new Database(this.file);
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      } catch (error) {
        throw ArchiveUnavailableError.from(this.file, error);
      }
      try {
        migrate(db);
      } catch (error) {
        db.close();
        throw error;
      }
      this.db = db;
    });
  }

  write(records: readonly ArchiveRecord[]): Promise<void> {
    return settle(() => {
      const db = this.open();
      const plan = planWrite(records);
      // IMMEDIATE: take the write lock up front, so two writers queue instead of one failing to upgrade
      db.transaction(() => {
        for (const { table, rows } of plan) {
          const insert = this.insert(db, table);
          for (const row of rows) insert.run(rowValues(TABLES[table], row).map(bind));
        }
      }).immediate();
    });
  }

  has(kind: ArchiveKind, keys: readonly string[], meshId?: string): Promise<Set<string>> {
    return settle(() => {
      const db = this.open();
      const found = new Set<string>();
      const mesh = meshId === undefined ? '' : ' AND mesh_id = ?';
      for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
        const chunk = keys.slice(i, i + KEYS_PER_QUERY);
        const sql = `SELECT id FROM ${KIND_TABLE[kind]} WHERE id IN (${chunk.map(param).join(', ')})${mesh}`;
        const args = meshId === undefined ? chunk : [...chunk, meshId];
        for (const row of db.prepare(sql).all(...args) as Array<{ id: string }>) found.add(row.id);
      }
      return found;
    });
  }

  count(kind: ArchiveKind, meshId: string): Promise<number> {
    return settle(() => {
      const sql = `SELECT COUNT(*) AS n FROM ${KIND_TABLE[kind]} WHERE mesh_id = ?`;
      const row = this.open().prepare(sql).get(meshId) as { n: number };
      return toMinor(row.n, 'count');
    });
  }

  dayTotals(meshId?: string): Promise<ArchivedDayTotals[]> {
    return settle(() => {
      const statement = this.open().prepare(dayTotalsSql(param, meshId));
      const rows = meshId === undefined ? statement.all() : statement.all(meshId);
      return (rows as Array<Record<string, unknown>>).map(toDayTotals);
    });
  }

  orders(meshId: string, till: string, businessDate: string): Promise<Order[]> {
    return settle(() => {
      const statement = this.open().prepare(dayOrdersSql(param));
      const rows = statement.all(meshId, till, businessDate) as Array<{ record: string }>;
      return rows.map((row) => toOrder(row.record));
    });
  }

  orderSigners(meshId: string): Promise<Array<string | null>> {
    return settle(() => {
      const rows = this.open().prepare(orderSignersSql(param)).all(meshId);
      return (rows as Array<{ signer: string | null }>).map((row) => row.signer);
    });
  }

  signedOrders(
    meshId: string,
    signer: string | null,
    batch = ORDERS_PER_READ,
  ): AsyncIterable<HeldRecord> {
    const sql = signedOrdersSql(param, signer, batch);
    return pagedOrders(meshId, signer, batch, (args) =>
      settle(
        () =>
          this.open()
            .prepare(sql)
            .all(...args) as Array<Record<string, unknown>>,
      ),
    );
  }

  stop(): Promise<void> {
    return settle(() => {
      this.db?.close();
      this.db = null;
      this.inserts.clear();
    });
  }

  private open(): Database.Database {
    if (!this.db) throw new ArchiveUnavailableError(this.file, 'the archive is not started');
    return this.db;
  }

  private insert(db: Database.Database, table: TableName): Database.Statement {
    let statement = this.inserts.get(table);
    if (!statement) {
      statement = db.prepare(insertSql(TABLES[table], 1, param));
      this.inserts.set(table, statement);
    }
    return statement;
  }
}

function migrate(db: Database.Database): void {
  db.exec(MIGRATIONS_TABLE_SQL);
  const applied = db.prepare('SELECT version FROM schema_migrations');
  const record = db.prepare(INSERT_MIGRATION_SQL(param));
  const versions = () => (applied.all() as Array<{ version: number }>).map((r) => r.version);
  for (const migration of pendingMigrations(SQLITE_MIGRATIONS, versions())) {
    // IMMEDIATE, and checked again inside: another process migrating the same file goes first
    db.transaction(() => {
      if (versions().includes(migration.version)) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
  }
}
