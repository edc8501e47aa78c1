/**
 * Archive throughput: PostgresArchiveSink.write() and SqliteArchiveSink.write()
 * of batches of the archiver's BATCH_SIZE paid sales, each batch timed, then
 * the same rows as plain INSERTs into bare tables (the baseline, interleaved
 * batch by batch so both see the same server and the same table sizes). Last,
 * some PostgreSQL batches sent again: what a backfill that re-sends archived
 * records costs, every row a conflict.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { TillCode } from '../crdt/ids.ts';
import type { ArchiveRecord } from '../node/archive/archive-sink.ts';
import { PostgresArchiveSink } from '../node/archive/postgres-archive-sink.ts';
import { SqliteArchiveSink } from '../node/archive/sqlite-archive-sink.ts';
import { BATCH_SIZE } from '../node/relay/archiver.ts';
import type { TestPostgres } from '../tests/helpers/postgres.ts';
import {
  createBareTablesPg,
  createBareTablesSqlite,
  plainWritePg,
  plainWriteSqlite,
} from './archive-plain-insert.ts';
import { benchCatalogue, TillSeller } from './archive-sales.ts';
import type { Row, Summary } from './stats.ts';
import { summarize } from './stats.ts';

/** Tills whose sales share a batch, as the relay's batches mix its day documents. */
const TILLS = 10;
const WARMUP_BATCHES = 3;
const MEASURED_BATCHES = 20;
/** Batches sent a second time: fewer, every row of them already there. */
const REARCHIVED_BATCHES = 10;
const MESH_ID = 'bench-archive-throughput';

function salesBatches(): ArchiveRecord[][] {
  const catalogue = benchCatalogue();
  const tills = Array.from(
    { length: TILLS },
    (_, i) => new TillSeller(`T${i + 1}` as TillCode, catalogue),
  );
  return Array.from({ length: WARMUP_BATCHES + MEASURED_BATCHES }, () =>
    Array.from({ length: BATCH_SIZE }, (_, i) => ({
      kind: 'order' as const,
      meshId: MESH_ID,
      doc: tills[i % TILLS]!.dayName,
      order: tills[i % TILLS]!.sell(),
    })),
  );
}

const elapsedMs = async (fn: () => unknown): Promise<number> => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

interface Timings {
  sink: number[];
  plain: number[];
}

/** Every batch through `write`, then through `plain`; warm-up batches not kept. */
async function timeBatches(
  batches: ArchiveRecord[][],
  write: (batch: ArchiveRecord[]) => unknown,
  plain: (batch: ArchiveRecord[]) => unknown,
): Promise<Timings> {
  const timings: Timings = { sink: [], plain: [] };
  for (const [i, batch] of batches.entries()) {
    const sink = await elapsedMs(() => write(batch));
    const base = await elapsedMs(() => plain(batch));
    if (i < WARMUP_BATCHES) continue;
    timings.sink.push(sink);
    timings.plain.push(base);
  }
  return timings;
}

/** Sales per second of batches: p50 and p99 at the batch latency's p50 and p99 (p99 the slow tail), mean overall. */
function salesRate(batchMs: number[]): Summary {
  const latency = summarize(batchMs);
  const perSecond = (ms: number) => (BATCH_SIZE * 1_000) / ms;
  return {
    n: latency.n * BATCH_SIZE,
    p50: perSecond(latency.p50),
    p99: perSecond(latency.p99),
    mean: perSecond(latency.mean),
  };
}

function rows(target: string, t: Timings, note: string): Row[] {
  const baseline = 'plain INSERT, bare tables';
  return [
    {
      name: `archive a batch of ${BATCH_SIZE} sales, ${target}`,
      unit: 'ms',
      result: summarize(t.sink),
      baseline: { name: baseline, result: summarize(t.plain) },
      note,
    },
    {
      name: `archive throughput, ${target}`,
      unit: 'sales/s',
      result: salesRate(t.sink),
      baseline: { name: baseline, result: salesRate(t.plain) },
      note: 'p99 is the rate of the p99 batch (the slow tail); ratio under 1x is the cost of idempotency',
    },
  ];
}

async function postgresRows(url: string, batches: ArchiveRecord[][]): Promise<Row[]> {
  const sink = new PostgresArchiveSink({ url });
  await sink.start();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await createBareTablesPg(client);
    const plain = (batch: ArchiveRecord[]) => plainWritePg(client, batch);
    const fresh = await timeBatches(batches, (b) => sink.write(b), plain);
    const again = await timeBatches(
      batches.slice(0, WARMUP_BATCHES + REARCHIVED_BATCHES),
      (b) => sink.write(b),
      plain,
    );
    return [
      ...rows(
        'PostgreSQL',
        fresh,
        'each sale 1 order, 3 line, 2 payment and 2 tax rows; the test server runs with fsync=off',
      ),
      {
        name: `re-archive a batch already archived, PostgreSQL`,
        unit: 'ms',
        result: summarize(again.sink),
        baseline: { name: 'plain INSERT, bare tables', result: summarize(again.plain) },
        note: 'a backfill re-sending what is there: every row an ON CONFLICT DO NOTHING',
      },
    ];
  } finally {
    await client.end();
    await sink.stop();
  }
}

async function sqliteRows(batches: ArchiveRecord[][]): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'posmesh-bench-archive-'));
  const file = join(dir, 'archive.db');
  const sink = new SqliteArchiveSink(file);
  await sink.start();
  // a second connection to the same file, durable like the sink's (WAL is the file's, sync per connection)
  const db = new Database(file);
  db.pragma('synchronous = FULL');
  try {
    createBareTablesSqlite(db);
    const timings = await timeBatches(
      batches,
      (b) => sink.write(b),
      (b) => plainWriteSqlite(db, b),
    );
    return rows('SQLite', timings, 'WAL, synchronous=FULL: one fsync per batch');
  } finally {
    db.close();
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function archiveThroughput(postgres: TestPostgres): Promise<Row[]> {
  const batches = salesBatches();
  const url = await postgres.createDatabase('bench_archive_throughput');
  return [...(await postgresRows(url, batches)), ...(await sqliteRows(batches))];
}
