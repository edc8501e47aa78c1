import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveUnavailableError } from '../../../node/archive/archive-errors.ts';
import { PostgresArchiveSink } from '../../../node/archive/postgres-archive-sink.ts';
import { freePort } from '../../helpers/net.ts';
import {
  postgresBinDir,
  PostgresNotInstalledError,
  startPostgres,
} from '../../helpers/postgres.ts';
import type { TestPostgres } from '../../helpers/postgres.ts';
import { tillDay } from './archive-fixtures.ts';
import { runArchiveSinkContract } from './archive-sink-contract.ts';

let server: TestPostgres;
let databases = 0;

// one server for the file, a fresh database for every test
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

runArchiveSinkContract('PostgreSQL', async () => {
  const url = await server.createDatabase(`archive_${++databases}`);
  const direct = new pg.Pool({ connectionString: url, max: 2 });
  return {
    open: () => new PostgresArchiveSink({ url }),
    query: async (sql) => (await direct.query(sql)).rows,
    cleanup: () => direct.end(),
  };
});

describe('PostgreSQL archive', () => {
  it('says which server it cannot reach and why, without the password', async () => {
    const port = await freePort(); // nothing listens there
    const url = `postgres://archiver:s3cret@127.0.0.1:${port}/archive`;
    const error = await new PostgresArchiveSink({ url }).start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveUnavailableError);
    const { where, message } = error as ArchiveUnavailableError;
    expect(where).toBe(`postgres://archiver:***@127.0.0.1:${port}/archive`);
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('s3cret');
  });

  it('reports a server that went away after the start as unavailable, and writes again when it is back', async () => {
    const own = await startPostgres();
    const sink = new PostgresArchiveSink({ url: own.url, connectTimeoutMs: 1_000 });
    await sink.start();
    try {
      await own.pause();
      const error = await sink.count('order', 'shop-a').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArchiveUnavailableError);
      await own.resume();
      const day = tillDay('shop-a', 'T1', '20261121');
      await sink.write(day.records);
      expect(await sink.count('order', 'shop-a')).toBe(day.orders.length);
    } finally {
      await sink.stop();
      await own.stop();
    }
  });

  it('keeps money in bigint columns and the signed records in jsonb', async () => {
    const url = await server.createDatabase('archive_types');
    const sink = new PostgresArchiveSink({ url });
    await sink.start();
    const client = new pg.Client(url);
    await client.connect();
    const { rows } = await client.query<{
      table_name: string;
      column_name: string;
      data_type: string;
    }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name IN
         ('total', 'amount', 'base', 'tax', 'net', 'sales_total', 'chain_running', 'record', 'events')`,
    );
    await client.end();
    await sink.stop();
    const types = Object.fromEntries(
      rows.map((r) => [`${r.table_name}.${r.column_name}`, r.data_type]),
    );
    expect(types).toMatchObject({
      'orders.total': 'bigint',
      'orders.chain_running': 'bigint',
      'orders.record': 'jsonb',
      'order_lines.amount': 'bigint',
      'order_payments.amount': 'bigint',
      'order_taxes.base': 'bigint',
      'order_taxes.tax': 'bigint',
      'cash_moves.amount': 'bigint',
      'transfers.events': 'jsonb',
      'z_reports.net': 'bigint',
    });
    expect(Object.values(types).every((t) => t === 'bigint' || t === 'jsonb')).toBe(true);
  });
});

describe('the test PostgreSQL', () => {
  it('names the package to install when there is no server, rather than skipping', () => {
    expect(() => postgresBinDir('/nonexistent/postgresql')).toThrow(PostgresNotInstalledError);
    expect(() => postgresBinDir('/nonexistent/postgresql')).toThrow(/apt-get install postgresql/);
  });

  it('runs the newest installed version', () => {
    expect(postgresBinDir()).toMatch(/^\/usr\/lib\/postgresql\/\d+\/bin$/);
  });
});
