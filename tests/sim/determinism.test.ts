/**
 * The simulation replays: one seed run twice gives byte-identical documents on
 * every till (and the same trace), also in another process through the CLI
 * (which runs at its own speed: nothing may depend on real time), and another
 * seed gives others.
 */
import '../../sim/setup.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runSeed } from '../../sim/run.ts';

const SEED = 3;
const OTHER_SEED = 4;

async function hashFromCli(seed: number): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'sim/cli.ts', '--seed', String(seed)],
    { cwd: new URL('../..', import.meta.url).pathname },
  );
  const hash = /state hash ([0-9a-f]{64})/.exec(stdout)?.[1];
  if (!hash) throw new Error(`no state hash in the CLI's output:\n${stdout}`);
  return hash;
}

describe('simulation replay', () => {
  it('replays a seed exactly and tells seeds apart', async () => {
    const first = await runSeed(SEED);
    const again = await runSeed(SEED);
    const other = await runSeed(OTHER_SEED);
    expect(first.stats.paid, 'the run sold something').toBeGreaterThan(0);
    expect(again.hash).toBe(first.hash);
    expect(again.trace).toEqual(first.trace);
    expect(again.stats).toEqual(first.stats);
    expect(other.hash).not.toBe(first.hash);
    expect(await hashFromCli(SEED)).toBe(first.hash);
  });
});
