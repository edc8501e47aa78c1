/** `npm run bench`: every benchmark, a table on stdout, results in bench/results.json. */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { barcodeLookup } from './barcode-lookup.ts';
import { saleLatency } from './sale-latency.ts';
import type { Row } from './stats.ts';
import { printTable } from './stats.ts';
import { startup } from './startup.ts';
import { meshBenchmarks } from './mesh-latency.ts';
import { transferBenchmarks } from './transfer-latency.ts';
import { signingBenchmarks } from './signing.ts';
import { archiveBenchmarks } from './archive.ts';

const suites: Array<[string, () => Row[] | Promise<Row[]>]> = [
  ['sale latency', saleLatency],
  ['barcode lookup', barcodeLookup],
  ['signing', signingBenchmarks],
  ['start-up', startup],
  ['mesh', meshBenchmarks],
  ['transfers', transferBenchmarks],
  ['archive', archiveBenchmarks],
];

const rows: Row[] = [];
for (const [name, run] of suites) {
  process.stderr.write(`running ${name}...\n`);
  const started = performance.now();
  rows.push(...(await run()));
  process.stderr.write(
    `  ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
printTable(rows);
const file = resolve(import.meta.dirname, 'results.json');
writeFileSync(
  file,
  JSON.stringify(
    { at: new Date().toISOString(), node: process.version, cpus: cpus().length, rows },
    null,
    2,
  ),
);
console.log(`\nwrote ${file}`);
