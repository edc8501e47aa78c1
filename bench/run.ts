/**
 * `npm run bench`: every benchmark, a table on stdout, results in bench/results.json.
 * `npm run bench -- --only "sale latency"` runs the suites named (and writes no JSON).
 */
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

const only = process.argv.flatMap((arg, i) => (process.argv[i - 1] === '--only' ? [arg] : []));
const unknown = only.filter((name) => !suites.some(([suite]) => suite === name));
if (unknown.length) {
  process.stderr.write(
    `no benchmark suite ${unknown.join(', ')}; the suites: ${suites.map(([n]) => n).join(', ')}\n`,
  );
  process.exit(2);
}

const rows: Row[] = [];
for (const [name, run] of suites) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`running ${name}...\n`);
  const started = performance.now();
  rows.push(...(await run()));
  process.stderr.write(
    `  ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
printTable(rows);
if (only.length) process.exit(0);
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
// done: a helper process a suite started (esbuild's service) must not keep the run waiting
process.exit(0);
