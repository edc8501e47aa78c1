/**
 * The relay's archive (issue 10): how many sales a second each sink takes in
 * the archiver's batches, against plain INSERTs of the same rows, and how far
 * the archive trails 30 busy tills. Against a real PostgreSQL started for the
 * run (tests/helpers/postgres.ts: initdb and pg_ctl on a temporary directory;
 * note that server runs with fsync=off) and the embedded SQLite archive.
 * `npx tsx bench/archive.ts` runs it alone and prints its table; `npm run bench`
 * runs it with the others and records it in bench/results.json.
 */
import { fileURLToPath } from 'node:url';
import { startPostgres } from '../tests/helpers/postgres.ts';
import { archiveLag } from './archive-lag.ts';
import { archiveThroughput } from './archive-throughput.ts';
import type { Row } from './stats.ts';
import { printTable } from './stats.ts';

export async function archiveBenchmarks(): Promise<Row[]> {
  const postgres = await startPostgres();
  try {
    return [...(await archiveThroughput(postgres)), ...(await archiveLag(postgres))];
  } finally {
    await postgres.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printTable(await archiveBenchmarks());
