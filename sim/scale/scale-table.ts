/** The scale mode's table: one row per mesh size. */
import type { ScaleResult, Traffic } from './scale-run.ts';

const COLUMNS = [
  ['tills', 5],
  ['topology', 9],
  ['links/till', 10],
  ['p50 ms', 6],
  ['p99 ms', 6],
  ['max ms', 7],
  ['missing', 7],
  ['updates/sale', 15],
  ['haves/sale', 13],
  ['sync/sale', 15],
  ['presence/sale', 15],
  ['all/sale', 17],
  ['applied/sale', 12],
  ['CPU µs/applied', 14],
  ['real s', 6],
] as const;

export const SCALE_HEADER = [
  COLUMNS.map(([name, width]) => name.padStart(width)).join('  '),
  '(per sale: frames, KB; haves announce forwarded updates; sync is the state-vector exchanges',
  ' (answers to haves, anti-entropy every 15 s);',
  ' applied: peer updates applied on all tills; CPU: the whole process over the window per one)',
].join('\n');

const traffic = (t: Traffic) => `${t.frames.toFixed(0)}, ${(t.bytes / 1024).toFixed(1)}`;

export function scaleRow(r: ScaleResult): string {
  const cells = [
    String(r.tills),
    r.topology,
    `${r.linksPerTill.min}-${r.linksPerTill.max}`,
    r.latencyMs.p50.toFixed(2),
    r.latencyMs.p99.toFixed(2),
    r.latencyMs.max.toFixed(2),
    String(r.latencyMs.missing),
    traffic(r.perSale.update),
    traffic(r.perSale.have),
    traffic(r.perSale.sync),
    traffic(r.perSale.presence),
    traffic(r.perSale.all),
    (r.applied.updates / r.sales).toFixed(0),
    r.applied.cpuUsPerUpdate.toFixed(0),
    (r.realMs / 1000).toFixed(0),
  ];
  return cells.map((c, i) => c.padStart(COLUMNS[i]![1])).join('  ');
}
