/**
 * Start-up time and memory of a till as `npm start` runs it (compiled, dist/), against
 * the same till with its TypeScript compiled at run time by tsx (what every start did
 * before there was a build): an empty till, and a busy one (bench/startup-data.ts). Each
 * start is a real child process; the two ways take turns. Also reports the bytes of live
 * documents, which must not grow with history.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDaemon } from '../scripts/build-daemon.ts';
import type { BenchDir } from './bench-till.ts';
import { benchDir, openBenchTill } from './bench-till.ts';
import { prepareBusyTill } from './startup-data.ts';
import type { Row } from './stats.ts';
import { printTable, summarize } from './stats.ts';
import { ROOT, START_ENV, START_FLAGS, startTillProcess } from './till-process.ts';

const RUNS = 10;
const WAYS = {
  compiled: { args: [...START_FLAGS, join(ROOT, 'dist/posmesh.js')], env: START_ENV },
  tsx: { args: ['--import', 'tsx/esm', join(ROOT, 'node/cli/main.ts')], env: {} },
};
type Way = keyof typeof WAYS;

interface StartSample {
  ms: number;
  rssMiB: number;
  liveBytes: number;
}

/**
 * The child's resident memory, read from outside it (Linux): asking the till for its
 * status would count the work of answering (it reads every order of the day).
 */
function residentMiB(pid: number): number {
  const kB = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kB) / 1024;
}

async function startOnce(way: Way, dir: BenchDir): Promise<StartSample> {
  const till = await startTillProcess(dir.configFile, WAYS[way].args, WAYS[way].env);
  const rssMiB = residentMiB(till.child.pid!);
  const token = (await (
    await fetch(new URL('/api/login', till.url), {
      method: 'POST',
      body: JSON.stringify({ staffId: 'demo-alice', pin: '1234' }),
    })
  ).json()) as { token: string };
  const status = (await (
    await fetch(new URL('/api/status', till.url), {
      headers: { authorization: `Bearer ${token.token}` },
    })
  ).json()) as { docs: Array<{ bytes: number }> };
  await till.stop();
  return { ms: till.readyMs, rssMiB, liveBytes: status.docs.reduce((s, d) => s + d.bytes, 0) };
}

export async function startup(): Promise<Row[]> {
  // what `npm start` runs, built from the sources as they are
  await buildDaemon();
  const empty = benchDir();
  const busy = benchDir();
  try {
    (await openBenchTill(empty)).close();
    const prepStart = performance.now();
    await prepareBusyTill(busy);
    const prepMs = performance.now() - prepStart;
    const runs = {
      compiled: { empty: [] as StartSample[], busy: [] as StartSample[] },
      tsx: { empty: [] as StartSample[], busy: [] as StartSample[] },
    };
    for (let i = 0; i < RUNS; i++) {
      for (const way of ['compiled', 'tsx'] as const) {
        runs[way].empty.push(await startOnce(way, empty));
        runs[way].busy.push(await startOnce(way, busy));
      }
    }
    const row = (
      name: string,
      unit: string,
      till: 'empty' | 'busy',
      value: (s: StartSample) => number,
    ): Row => ({
      name,
      unit,
      result: summarize(runs.compiled[till].map(value)),
      baseline: { name: 'tsx at run time', result: summarize(runs.tsx[till].map(value)) },
    });
    const live = (samples: StartSample[]) => Math.round(samples[0]!.liveBytes / 1024);
    return [
      row('start-up, empty till', 'ms', 'empty', (s) => s.ms),
      {
        ...row('start-up, 100k history + open day of 5k', 'ms', 'busy', (s) => s.ms),
        note: `preparing the data took ${(prepMs / 1000).toFixed(1)} s; live documents ${live(runs.compiled.busy)} KiB (empty till: ${live(runs.compiled.empty)} KiB); closed days stay on disk, unloaded`,
      },
      row('memory after start (RSS), empty till', 'MiB', 'empty', (s) => s.rssMiB),
      row('memory after start (RSS), 100k history + open day', 'MiB', 'busy', (s) => s.rssMiB),
    ];
  } finally {
    empty.remove();
    busy.remove();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printTable(await startup());
