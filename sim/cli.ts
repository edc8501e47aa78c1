/**
 * npm run sim [-- options]: runs seeds of the simulation and says how many
 * held every invariant; a failing seed is printed with a shrunk trace and the
 * command that replays it. The options are in USAGE (`npm run sim -- --help`).
 */
import './setup.ts';
import { parseArgs } from 'node:util';
import type { Coverage } from './check/coverage.ts';
import { addCoverage, COVERAGE_LABELS } from './check/coverage.ts';
import { wallMs } from './env/clock-hooks.ts';
import { formatFailure, formatShrunk, formatTrace } from './report.ts';
import type { RunOptions, RunResult } from './run.ts';
import { runSeed } from './run.ts';
import { SABOTAGES } from './sabotage.ts';
import { shrink } from './shrink.ts';
import { DEFAULT_SCALE, measureScale } from './scale/scale-run.ts';
import { SCALE_HEADER, scaleRow } from './scale/scale-table.ts';
import { FULL_MESH_MAX_TILLS } from '../node/mesh/topology.ts';

const USAGE = `usage: npm run sim -- [options]

  --seeds N        how many seeds (default 200), from --from (default 1)
  --seed N         one seed, with its trace (add --keep to replay a shrunk trace)
  --keep a,b,c     only these plan events (as a shrunk trace lists them); "none" for none
  --tills N        tills per shop (default: 2 to 4, drawn from the seed)
  --trace          print every run's trace
  --log            print the tills' warnings and errors
  --faults N       faults per simulated minute (default 3)
  --relay yes|no   a relay archiving the books in every shop, or in none (default: half, by seed)
  --duplicate yes|no  a till sharing another's code in every shop, or in none (default: a third
                   of the shops with 3 tills or more, by seed)
  --duplicate-work own|all  what the duplicate does: refunds and transfers too (all, the
                   default), or only what a till alone can (own)
  --no-shrink      report failures without shrinking them
  --sabotage NAME  plant a bug (drop-card-sale) to see a failure caught and shrunk
  --scale 10,30    measure meshes of these sizes instead (propagation time, traffic per sale)
  --full-mesh-max N  with --scale: the largest mesh that stays a full mesh (default: the
                   product's, 16), to compare the two topologies at one size
  --help           this text`;

const DEFAULT_SEEDS = 200;
/** A progress line at most this often (ms). */
const PROGRESS_MS = 2_000;

const OPTIONS = {
  help: { type: 'boolean', default: false },
  seeds: { type: 'string' },
  from: { type: 'string' },
  seed: { type: 'string' },
  keep: { type: 'string' },
  tills: { type: 'string' },
  trace: { type: 'boolean', default: false },
  log: { type: 'boolean', default: false },
  faults: { type: 'string' },
  relay: { type: 'string' },
  duplicate: { type: 'string' },
  'duplicate-work': { type: 'string' },
  'no-shrink': { type: 'boolean', default: false },
  sabotage: { type: 'string' },
  scale: { type: 'string' },
  'full-mesh-max': { type: 'string' },
} as const;

/** A mistyped option is said in one line, with the usage (not a stack trace). */
function badArguments(error: unknown): never {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({ options: OPTIONS });
  } catch (error) {
    return badArguments(error);
  }
})();

const int = (name: string, raw: string | undefined, fallback: number): number => {
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new Error(`--${name} wants a whole number, got ${raw}`);
  return n;
};

const yesNo = (name: string, raw: string): boolean => {
  if (raw !== 'yes' && raw !== 'no') throw new Error(`--${name} wants yes or no, got ${raw}`);
  return raw === 'yes';
};

function options(): { run: RunOptions; extra: string[] } {
  const extra: string[] = [];
  const run: RunOptions = {};
  run.plan = {};
  if (values.tills) {
    run.plan.tills = int('tills', values.tills, 3);
    extra.push(`--tills ${values.tills}`);
  }
  if (values.faults) {
    run.plan.faultsPerMinute = int('faults', values.faults, 3);
    extra.push(`--faults ${values.faults}`);
  }
  if (values.relay) {
    run.plan.relay = yesNo('relay', values.relay);
    extra.push(`--relay ${values.relay}`);
  }
  if (values.duplicate) {
    run.plan.duplicate = yesNo('duplicate', values.duplicate);
    extra.push(`--duplicate ${values.duplicate}`);
  }
  if (values['duplicate-work']) {
    const work = values['duplicate-work'];
    if (work !== 'own' && work !== 'all')
      throw new Error(`--duplicate-work wants own or all, got ${work}`);
    run.plan.duplicateSharedWork = work === 'all';
    extra.push(`--duplicate-work ${work}`);
  }
  if (values.log) run.logSink = (line) => console.log(`    log ${line}`);
  if (values.sabotage) {
    const sabotage = SABOTAGES[values.sabotage];
    if (!sabotage)
      throw new Error(`no sabotage ${values.sabotage}: ${Object.keys(SABOTAGES).join(', ')}`);
    run.sabotage = sabotage;
    extra.push(`--sabotage ${values.sabotage}`);
  }
  if (values.keep)
    run.keep = new Set(
      values.keep === 'none' ? [] : values.keep.split(',').map((k) => int('keep', k, 0)),
    );
  return { run, extra };
}

async function report(result: RunResult, run: RunOptions, extra: string[]): Promise<void> {
  for (const line of formatFailure(result, extra)) console.log(line);
  if (values['no-shrink'] || run.keep) return;
  console.log('shrinking (replaying subsets of its events)...');
  const shrunk = await shrink(result, run, undefined, (n) =>
    process.stdout.write(`  ${n} events still fail\n`),
  );
  for (const line of formatShrunk(shrunk.result, shrunk.keep, extra)) console.log(line);
  if (!shrunk.minimal)
    console.log(`(shrinking stopped after ${shrunk.runs} replays: smaller may exist)`);
}

async function scale(sizes: number[]): Promise<number> {
  const seed = int('from', values.from, 1);
  const fullMeshMax = int('full-mesh-max', values['full-mesh-max'], FULL_MESH_MAX_TILLS);
  console.log(SCALE_HEADER);
  for (const tills of sizes)
    console.log(scaleRow(await measureScale(tills, { seed, fullMeshMax, ...DEFAULT_SCALE })));
  return 0;
}

async function main(): Promise<number> {
  if (values.help) return (console.log(USAGE), 0);
  if (values.scale) return scale(values.scale.split(',').map((n) => int('scale', n, 10)));
  const { run, extra } = options();
  const started = wallMs();
  if (values.seed !== undefined) {
    const result = await runSeed(int('seed', values.seed, 1), run);
    for (const line of formatTrace(result.trace)) console.log(line);
    console.log(`state hash ${result.hash}, ${(result.simulatedMs / 1000).toFixed(0)} s simulated`);
    if (result.violations.length === 0) return (console.log(`seed ${result.seed} passed`), 0);
    await report(result, run, extra);
    return 1;
  }
  const from = int('from', values.from, 1);
  const count = int('seeds', values.seeds, DEFAULT_SEEDS);
  const failed: number[] = [];
  let simulated = 0;
  let exercised: Coverage | undefined;
  let lastProgress = started;
  for (let seed = from; seed < from + count; seed++) {
    const result = await runSeed(seed, run);
    simulated += result.simulatedMs;
    if (exercised) addCoverage(exercised, result.coverage);
    else exercised = { ...result.coverage };
    if (values.trace) for (const line of formatTrace(result.trace)) console.log(line);
    if (result.violations.length > 0) {
      failed.push(seed);
      await report(result, run, extra);
    }
    if (wallMs() - lastProgress >= PROGRESS_MS || seed === from + count - 1) {
      lastProgress = wallMs();
      const done = seed - from + 1;
      console.log(
        `seeds ${done}/${count}: ${done - failed.length} passed, ${failed.length} failed, ${elapsed(started)}`,
      );
    }
  }
  console.log(
    `${count} seeds (${from} to ${from + count - 1}): ${count - failed.length} passed, ${failed.length} failed` +
      `${failed.length ? ` (${failed.join(', ')})` : ''} in ${elapsed(started)}, ${(simulated / 3_600_000).toFixed(1)} h simulated`,
  );
  if (exercised) console.log(`exercised: ${describeCoverage(exercised)}`);
  return failed.length > 0 ? 1 : 0;
}

function describeCoverage(c: Coverage): string {
  return (Object.keys(COVERAGE_LABELS) as Array<keyof Coverage>)
    .map((key) => `${c[key]} ${COVERAGE_LABELS[key]}`)
    .join(', ');
}

function elapsed(since: number): string {
  const s = Math.round((wallMs() - since) / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

process.exitCode = await main();
