/**
 * The cloud archive on PostgreSQL (node-postgres). A batch is one transaction
 * of multi-row INSERT ... ON CONFLICT statements, table by table with rows in
 * key order, so relays of many shops can write into one database at once.
 */
import pg from 'pg';
import type { Order } from '../../crdt/schema.ts';
import { ArchiveUnavailableError } from './archive-errors.ts';
import type { HeldRecord } from '../books/verify-books.ts';
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
import { insertSql, KIND_TABLE, rowValues, TABLES } from './archive-tables.ts';
import { migratePostgres } from './postgres-migrate.ts';

/** Connections per sink: a relay writes one batch at a time, reports read beside it. */
export const PG_POOL_SIZE = 4;
/** How long to wait for a connection before calling the archive unavailable, in milliseconds. */
export const PG_CONNECT_TIMEOUT_MS = 5_000;
/** Rows per INSERT: the widest table has 23 columns, far below PostgreSQL's 65,535 parameters. */
const ROWS_PER_INSERT = 500;

export interface PostgresArchiveOptions {
  /** postgres://user[:password]@host:port/database */
  url: string;
  poolSize?: number;
  connectTimeoutMs?: number;
}

const param = (n: number) => `$${n}`;

/** A lost or refused connection, as opposed to a statement the server refused. */
function unreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  // SQLSTATE class 08 is a connection exception, 57P an operator or crash shutdown
  if (error instanceof pg.DatabaseError) return /^(08|57P)/.test(String(code));
  // a socket's errno (ECONNRESET...) or the driver's own words for a dropped connection
  return typeof code === 'string' || /connection terminated/i.test(error.message);
}

export class PostgresArchiveSink implements ArchiveSink {
  private pool: pg.Pool | null = null;

  constructor(private readonly options: PostgresArchiveOptions) {}

  async start(): Promise<void> {
    if (this.pool) return;
    const pool = new pg.Pool({
      connectionString: this.options.url,
      max: this.options.poolSize ?? PG_POOL_SIZE,
      connectionTimeoutMillis: this.options.connectTimeoutMs ?? PG_CONNECT_TIMEOUT_MS,
    });
    // an idle connection that dies emits here; without a listener it would crash the relay,
    // and the next query that needs it reports the failure anyway
    pool.on('error', () => undefined);
    try {
      await this.withClient(pool, (client) => migratePostgres(client));
    } catch (error) {
      await pool.end();
      throw error;
    }
    this.pool = pool;
  }

  async write(records: readonly ArchiveRecord[]): Promise<void> {
    const plan = planWrite(records);
    await this.withClient(this.open(), async (client) => {
      await client.query('BEGIN');
      try {
        for (const { table, rows } of plan) {
          const def = TABLES[table];
          for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
            const chunk = rows.slice(i, i + ROWS_PER_INSERT);
            const values = chunk.flatMap((row) => rowValues(def, row));
            await client.query(insertSql(def, chunk.length, param), values);
          }
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined); // the first error is the one to report
        throw error;
      }
    });
  }

  async has(kind: ArchiveKind, keys: readonly string[], meshId?: string): Promise<Set<string>> {
    const mesh = meshId === undefined ? '' : ' AND mesh_id = $2';
    const sql = `SELECT id FROM ${KIND_TABLE[kind]} WHERE id = ANY($1)${mesh}`;
    const args = meshId === undefined ? [keys] : [keys, meshId];
    const rows = await this.query<{ id: string }>(sql, args);
    return new Set(rows.map((row) => row.id));
  }

  async count(kind: ArchiveKind, meshId: string): Promise<number> {
    const sql = `SELECT COUNT(*) AS n FROM ${KIND_TABLE[kind]} WHERE mesh_id = $1`;
    const [row] = await this.query<{ n: string }>(sql, [meshId]);
    return toMinor(row?.n, 'count');
  }

  async dayTotals(meshId?: string): Promise<ArchivedDayTotals[]> {
    const rows = await this.query(
      dayTotalsSql(param, meshId),
      meshId === undefined ? [] : [meshId],
    );
    return rows.map(toDayTotals);
  }

  async orders(meshId: string, till: string, businessDate: string): Promise<Order[]> {
    const rows = await this.query<{ record: unknown }>(dayOrdersSql(param), [
      meshId,
      till,
      businessDate,
    ]);
    return rows.map((row) => toOrder(row.record));
  }

  async orderSigners(meshId: string): Promise<Array<string | null>> {
    const rows = await this.query<{ signer: string | null }>(orderSignersSql(param), [meshId]);
    return rows.map((row) => row.signer);
  }

  signedOrders(
    meshId: string,
    signer: string | null,
    batch = ORDERS_PER_READ,
  ): AsyncIterable<HeldRecord> {
    const sql = signedOrdersSql(param, signer, batch);
    return pagedOrders(meshId, signer, batch, (args) => this.query(sql, args));
  }

  async stop(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.end();
  }

  private open(): pg.Pool {
    if (!this.pool)
      throw ArchiveUnavailableError.from(this.options.url, 'the archive is not started');
    return this.pool;
  }

  private async query<R extends object = Record<string, unknown>>(
    sql: string,
    args: unknown[],
  ): Promise<R[]> {
    return this.withClient(this.open(), async (client) => (await client.query<R>(sql, args)).rows);
  }

  /** A pooled connection for `fn`; trouble reaching the server becomes ArchiveUnavailableError. */
  private async withClient<T>(
    pool: pg.Pool,
    fn: (client: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw ArchiveUnavailableError.from(this.options.url, error);
    }
    let broken: Error | undefined;
    try {
      return await fn(client);
    } catch (error) {
      if (!unreachable(error)) throw error;
      broken = error as Error;
      throw ArchiveUnavailableError.from(this.options.url, error);
    } finally {
      client.release(broken); // a broken connection is dropped, not handed out again
    }
  }
}
