/**
 * Archive lag under a steady load: the relay's Archiver following a DocHost
 * that holds the day documents of 30 tills, each selling on its own at a busy
 * shop's pace, in real time (not compressed). Lag is from a sale's signed
 * record landing in the relay's document (stored, listeners told) until the
 * PostgreSQL transaction holding its row committed. Run twice: days opened
 * empty (the morning), and days already holding a busy till's whole day.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { InvalidRecord } from '../crdt/records.ts';
import { PostgresArchiveSink } from '../node/archive/postgres-archive-sink.ts';
import { Archiver, ARCHIVE_DELAY_MS } from '../node/relay/archiver.ts';
import { createLogger } from '../node/log.ts';
import type { TestPostgres } from '../tests/helpers/postgres.ts';
import { rng } from '../tests/helpers/random.ts';
import { testSigner } from '../tests/helpers/signing.ts';
import { CommitClock } from './archive-commit-clock.ts';
import { openShop } from './archive-shop.ts';
import type { Row, Summary } from './stats.ts';
import { summarize } from './stats.ts';

const TILLS = 30;
/** Mean gap between two sales of one till (exponential gaps): 12 sales/s over the shop. */
const MEAN_SALE_GAP_MS = 2_500;
/** Real time of load of the first run. */
const LOAD_MS = 60_000;
/** Sales already in every till's day in the second run: a busy till's full day. */
const BUSY_DAY_SALES = 500;
/** Real time of load of the second run, shorter: its prefill and backfill take time of their own. */
const BUSY_LOAD_MS = 30_000;
/** How long the last sales may take to be archived once the load stopped. */
const DRAIN_TIMEOUT_MS = 60_000;
const DRAIN_POLL_MS = 20;
/** Event-loop delay sampling, in milliseconds. */
const LOOP_RESOLUTION_MS = 10;
const SEED = 10;
const MESH_ID = 'bench-archive-lag';

interface LagRun {
  lagMs: number[];
  writeMs: number[];
  sold: number;
  backfillMs: number;
  /** How late the relay's event loop ran, in milliseconds: p99 and max. */
  loopDelay: { p99: number; max: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function lagRun(url: string, priorSales: number, loadMs: number): Promise<LagRun> {
  const dir = mkdtempSync(join(tmpdir(), 'posmesh-bench-archive-'));
  const shop = openShop(dir, TILLS);
  const landed = new Map<string, number>();
  const lagMs: number[] = [];
  const sink = new CommitClock(new PostgresArchiveSink({ url }), (id, at) => {
    const from = landed.get(id);
    if (from === undefined) return;
    lagMs.push(at - from);
    landed.delete(id);
  });
  const options = {
    meshId: MESH_ID,
    // the relay's own key: it signs the receipts the archiver leaves in the documents
    signer: testSigner(),
    docs: shop.docs,
    sink,
    trust: shop.trust,
    report: (r: InvalidRecord) => shop.invalid.push(r),
    log: createLogger({ component: 'bench', level: 'silent' }),
  };
  const archiver = new Archiver(options);
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  const timers = new Set<NodeJS.Timeout>();
  try {
    shop.prefill(priorSales);
    await sink.start();
    const backfillStart = performance.now();
    await archiver.start(); // archives the prefilled days before the load starts
    const backfillMs = performance.now() - backfillStart;
    sink.writeMs.length = 0;
    let sold = 0;
    loop.enable();
    const end = performance.now() + loadMs;
    // each till on its own exponential clock, from its own seed: the same gaps every run
    for (const [i, till] of shop.tills.entries()) {
      const random = rng(SEED + i);
      const next = () => {
        const timer = setTimeout(
          () => {
            timers.delete(timer);
            if (performance.now() >= end) return;
            const order = till.sell();
            landed.set(order.id, performance.now());
            sold++;
            next();
          },
          -Math.log(1 - random()) * MEAN_SALE_GAP_MS,
        );
        timers.add(timer);
      };
      next();
    }
    await sleep(loadMs);
    const drainEnd = performance.now() + DRAIN_TIMEOUT_MS;
    while (landed.size > 0 && performance.now() < drainEnd) await sleep(DRAIN_POLL_MS);
    loop.disable();
    if (landed.size > 0)
      throw new Error(`${landed.size} sales not archived ${DRAIN_TIMEOUT_MS} ms after the load`);
    const archived = await sink.count('order', MESH_ID);
    if (archived !== TILLS * priorSales + sold || shop.invalid.length > 0)
      throw new Error(
        `archived ${archived} orders of ${TILLS * priorSales + sold}, ${shop.invalid.length} refused`,
      );
    const ns = 1e6;
    return {
      lagMs,
      writeMs: sink.writeMs,
      sold,
      backfillMs,
      loopDelay: { p99: loop.percentile(99) / ns, max: loop.max / ns },
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await archiver.stop();
    await sink.stop();
    shop.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const loopNote = (run: LagRun) =>
  `relay event loop late by p99 ${run.loopDelay.p99.toFixed(0)} ms, max ${run.loopDelay.max.toFixed(0)} ms`;

export async function archiveLag(postgres: TestPostgres): Promise<Row[]> {
  const morning = await lagRun(await postgres.createDatabase('bench_archive_lag'), 0, LOAD_MS);
  const busy = await lagRun(
    await postgres.createDatabase('bench_archive_lag_busy'),
    BUSY_DAY_SALES,
    BUSY_LOAD_MS,
  );
  const morningLag: Summary = summarize(morning.lagMs);
  const load = (ms: number) =>
    `${TILLS} tills, a sale each every ${MEAN_SALE_GAP_MS / 1_000} s on average, ${ms / 1_000} s real time`;
  return [
    {
      name: `archive lag, ${TILLS} tills, days opened empty`,
      unit: 'ms',
      result: morningLag,
      baseline: { name: "the archive's write() alone", result: summarize(morning.writeMs) },
      note:
        `${load(LOAD_MS)}, ${morning.sold} sales; lag includes the archiver's ${ARCHIVE_DELAY_MS} ms gathering delay; ` +
        loopNote(morning),
    },
    {
      name: `archive lag, ${TILLS} tills, days holding ${BUSY_DAY_SALES} sales each`,
      unit: 'ms',
      result: summarize(busy.lagMs),
      baseline: { name: 'days opened empty', result: morningLag },
      note:
        `${load(BUSY_LOAD_MS)}, ${busy.sold} sales on top of ${TILLS * BUSY_DAY_SALES} archived at start ` +
        `(backfill ${(busy.backfillMs / 1_000).toFixed(1)} s); write() p50 ` +
        `${summarize(busy.writeMs).p50.toFixed(1)} ms; ` +
        loopNote(busy),
    },
  ];
}
