/**
 * Shrinks a failing run to the plan events that matter, by delta debugging
 * (Zeller's ddmin): replay the seed with a subset of its events and keep any
 * subset that still breaks the same rule. Checkpoints always run. Each replay
 * is deterministic, so the shrunk trace replays exactly with `--keep`.
 */
import type { Rule } from './check/invariants.ts';
import { wallMs } from './env/clock-hooks.ts';
import type { RunOptions, RunResult } from './run.ts';
import { runSeed } from './run.ts';

export interface ShrinkBudget {
  /** Replays at most. */
  runs: number;
  /** Real time at most, in ms. */
  ms: number;
}

export const DEFAULT_BUDGET: ShrinkBudget = { runs: 400, ms: 10 * 60_000 };

export interface Shrunk {
  keep: number[];
  result: RunResult;
  runs: number;
  /** False when the budget ran out first: smaller may exist. */
  minimal: boolean;
}

export async function shrink(
  failing: RunResult,
  options: RunOptions,
  budget: ShrinkBudget = DEFAULT_BUDGET,
  progress?: (keep: number) => void,
): Promise<Shrunk> {
  const rule: Rule | undefined = failing.violations[0]?.rule;
  const started = wallMs();
  let runs = 0;
  let best = failing;
  const fails = async (ids: number[]): Promise<boolean> => {
    runs++;
    const result = await runSeed(failing.seed, { ...options, keep: new Set(ids) });
    const broke = result.violations.some((v) => v.rule === rule);
    if (broke) {
      best = result;
      progress?.(ids.length);
    }
    return broke;
  };
  const spent = () => runs >= budget.runs || wallMs() - started >= budget.ms;
  let list = failing.kept.filter((e) => e.kind !== 'check').map((e) => e.id);
  if (await fails([])) list = [];
  let n = 2;
  while (list.length >= 2 && !spent()) {
    const chunks = split(list, n);
    let reduced = false;
    for (const chunk of chunks) {
      if (spent()) break;
      if (await fails(chunk)) {
        [list, n, reduced] = [chunk, 2, true];
        break;
      }
    }
    for (const chunk of reduced ? [] : chunks) {
      if (spent() || n === 2) break; // with two chunks, each complement is the other chunk
      const rest = list.filter((id) => !chunk.includes(id));
      if (await fails(rest)) {
        [list, n, reduced] = [rest, Math.max(n - 1, 2), true];
        break;
      }
    }
    if (reduced) continue;
    if (n >= list.length) break;
    n = Math.min(list.length, 2 * n);
  }
  if (list.length === 1 && !spent() && (await fails([]))) list = [];
  return { keep: list, result: best, runs, minimal: !spent() };
}

function split<T>(list: T[], n: number): T[][] {
  const size = Math.ceil(list.length / n);
  const chunks: T[][] = [];
  for (let i = 0; i < list.length; i += size) chunks.push(list.slice(i, i + size));
  return chunks;
}
