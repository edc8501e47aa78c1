/** Percentiles and the table the benchmarks print. */
export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return {
    n: sorted.length,
    p50: at(50),
    p99: at(99),
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
  };
}

export interface Row {
  name: string;
  unit: string;
  result: Summary;
  baseline?: { name: string; result: Summary };
  note?: string;
}

const fmt = (v: number) =>
  !Number.isFinite(v) ? '-' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(3);

export function printTable(rows: Row[]): void {
  const lines = [
    ['benchmark', 'unit', 'n', 'p50', 'p99', 'baseline', 'base p50', 'base p99', 'ratio p50'],
    ...rows.map((r) => [
      r.name,
      r.unit,
      String(r.result.n),
      fmt(r.result.p50),
      fmt(r.result.p99),
      r.baseline?.name ?? '',
      r.baseline ? fmt(r.baseline.result.p50) : '',
      r.baseline ? fmt(r.baseline.result.p99) : '',
      r.baseline ? `${(r.result.p50 / r.baseline.result.p50).toFixed(2)}x` : '',
    ]),
  ];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  for (const [i, line] of lines.entries()) {
    console.log(
      line
        .map((cell, c) => (c < 2 || c === 5 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  '),
    );
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  for (const r of rows) if (r.note) console.log(`* ${r.name}: ${r.note}`);
}
