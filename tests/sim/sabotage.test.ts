/**
 * The simulation can fail: a till that forgets a card sale right after its
 * receipt is caught (a paid order missing on the other till, books that do not
 * add up), shrunk to the one sale that matters, and the shrunk trace replays.
 */
import '../../sim/setup.ts';
import { describe, expect, it } from 'vitest';
import { runSeed } from '../../sim/run.ts';
import { dropCardSale } from '../../sim/sabotage.ts';
import { shrink } from '../../sim/shrink.ts';

const SEED = 2;
const options = { sabotage: dropCardSale, plan: { tills: 2, segments: 1 } };

describe('a broken invariant', () => {
  it('is caught, shrunk to what matters, and replays', async () => {
    const failing = await runSeed(SEED, options);
    const rules = new Set(failing.violations.map((v) => v.rule));
    expect(rules).toContain('paid everywhere');
    expect(rules).toContain('books balance');

    const shrunk = await shrink(failing, options, { runs: 60, ms: 120_000 });
    expect(shrunk.keep.length).toBeLessThanOrEqual(2);
    const kinds = shrunk.result.kept.filter((e) => e.kind !== 'check').map((e) => e.kind);
    expect(kinds.some((k) => k === 'sale' || k === 'payOpen')).toBe(true);

    const replay = await runSeed(SEED, { ...options, keep: new Set(shrunk.keep) });
    expect(replay.hash).toBe(shrunk.result.hash);
    expect(replay.violations).toEqual(shrunk.result.violations);
  });
});
