/**
 * A bounded number of simulated shops per run: work, partitions, crashes and
 * clock jumps, then every invariant. The seeds move on with the date (set
 * POSMESH_SIM_FROM to replay a range); a failure prints its shrunk trace and
 * the command that replays it.
 */
import '../../sim/setup.ts';
import { describe, expect, it } from 'vitest';
import { formatFailure, formatShrunk } from '../../sim/report.ts';
import { runSeed } from '../../sim/run.ts';
import { shrink } from '../../sim/shrink.ts';

const SEEDS = Number(process.env.POSMESH_SIM_SEEDS ?? 16);
const DAY_MS = 86_400_000;
/** A new range of seeds each day, the same all day (a failure seen in CI replays). */
const FROM = Number(
  process.env.POSMESH_SIM_FROM ?? (Math.floor(Date.now() / DAY_MS) * SEEDS) % 1_000_000,
);
/**
 * Seeds that found bugs, kept after their fix: 70041, 70155, 70638 (a day that reached
 * only a till that then went away was never asked for by the others) and 30838, 50220 (a
 * claim lost while no day was open left its carried cart unmarked), 1 (an order overwritten
 * by a hostile till after its day closed never reached the tills that had not journaled it),
 * 14 (a day a duplicate closed carried the name its code's owner went on selling under),
 * 4117 (a till killed right after a peer's overwrite of its order committed, and before it
 * wrote its order back, kept the overwrite for good).
 */
const FOUND_BUGS = [1, 14, 4117, 30838, 50220, 70041, 70155, 70638];
/** Shrinking a failure here stays short; `npm run sim -- --seed N` shrinks further. */
const SHRINK_BUDGET = { runs: 40, ms: 60_000 };

describe('simulated shops', () => {
  it(`hold every invariant over ${SEEDS} seeds and those that found bugs`, async () => {
    console.log(`simulation seeds ${FROM} to ${FROM + SEEDS - 1} (POSMESH_SIM_FROM replays them)`);
    const range = Array.from({ length: SEEDS }, (_, i) => FROM + i);
    for (const seed of [...FOUND_BUGS, ...range]) {
      const result = await runSeed(seed);
      if (result.violations.length === 0) continue;
      const shrunk = await shrink(result, {}, SHRINK_BUDGET);
      const report = [...formatFailure(result), ...formatShrunk(shrunk.result, shrunk.keep)];
      expect.fail(report.join('\n'));
    }
  }, 360_000);
});
