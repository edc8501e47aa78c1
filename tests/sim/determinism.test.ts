/**
 * The simulation replays: one seed run twice gives byte-identical documents on
 * every till (and the same trace), another seed gives others.
 */
import '../../sim/setup.ts';
import { describe, expect, it } from 'vitest';
import { runSeed } from '../../sim/run.ts';

const SEED = 3;
const OTHER_SEED = 4;

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
  });
});
