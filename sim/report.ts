/** What a person reads: a failing seed with its violations and trace, and how to replay it. */
import type { Violation } from './check/invariants.ts';
import type { RunResult, TraceLine } from './run.ts';

/** Violations shown per failure; the rest are counted. */
const MAX_VIOLATIONS = 12;

const seconds = (ms: number) => (ms / 1000).toFixed(3).padStart(9);

export function formatTrace(lines: readonly TraceLine[]): string[] {
  return lines.map(
    (l) =>
      `${seconds(l.at)} s  ${l.event >= 0 ? `#${l.event}`.padEnd(5) : '     '} ${l.till.padEnd(4)} ${l.kind.padEnd(9)} ${l.text}`,
  );
}

export function formatViolations(violations: readonly Violation[]): string[] {
  const lines = violations
    .slice(0, MAX_VIOLATIONS)
    .map((v) => `  [${v.rule}] ${v.where}: ${v.detail.split('\n').slice(0, 6).join('\n      ')}`);
  if (violations.length > MAX_VIOLATIONS)
    lines.push(`  ... and ${violations.length - MAX_VIOLATIONS} more`);
  return lines;
}

export function replayCommand(
  seed: number,
  keep?: readonly number[],
  extra: string[] = [],
): string {
  const args = [
    `--seed ${seed}`,
    ...(keep ? [`--keep ${keep.join(',') || 'none'}`] : []),
    ...extra,
  ];
  return `npm run sim -- ${args.join(' ')}`;
}

export function formatFailure(result: RunResult, extra: string[] = []): string[] {
  return [
    `seed ${result.seed} FAILED (${result.plan.tills} tills, ${result.kept.length} events):`,
    ...formatViolations(result.violations),
    `replay: ${replayCommand(result.seed, undefined, extra)}`,
  ];
}

/** The shrunk run: its violations, the trace of the events kept, and the command that replays it. */
export function formatShrunk(
  result: RunResult,
  keep: readonly number[],
  extra: string[] = [],
): string[] {
  return [
    `shrunk to ${keep.length} of ${result.plan.events.filter((e) => e.kind !== 'check').length} events:`,
    ...formatViolations(result.violations),
    'trace:',
    ...formatTrace(result.trace),
    `replay: ${replayCommand(result.seed, keep, extra)}`,
  ];
}
