/**
 * The in-process half of the sale latency benchmark: 3-line cash sales made by calling
 * the till's services. bench/sale-latency.ts runs it in a process of its own with the
 * till's node flags, so that what is measured is the till's own work and collection
 * of its own garbage, with the young generation the till runs with; it prints the
 * samples (ms) as JSON.
 */
import { fileURLToPath } from 'node:url';
import { demoProducts } from '../node/demo/demo-catalogue.ts';
import { benchCashier, benchDir, openBenchTill } from './bench-till.ts';

export const SALES = 1_000;
export const WARMUP = 50;

async function inProcessSales(): Promise<number[]> {
  const dir = benchDir();
  try {
    const till = await openBenchTill(dir);
    till.days.openDay(benchCashier, 0);
    const codes = demoProducts().map((p) => p.barcodes[0]!);
    const samples: number[] = [];
    for (let i = 0; i < SALES + WARMUP; i++) {
      // between two sales the event loop runs what the till deferred (a WAL checkpoint, a
      // compaction), as it does between a cashier's requests; not timed
      await new Promise((resolve) => setImmediate(resolve));
      const cart = till.sales.createCart(benchCashier);
      const start = performance.now();
      let order = cart;
      for (let l = 0; l < 3; l++) {
        order = till.sales.applyOp(benchCashier, cart.id, {
          type: 'addBarcode',
          barcode: codes[(i * 3 + l) % codes.length]!,
        });
      }
      const total = order.lines.reduce((s, line) => s + line.unitPrice * line.qty, 0);
      till.sales.pay(benchCashier, cart.id, [{ method: 'cash', amount: total }]);
      if (i >= WARMUP) samples.push(performance.now() - start);
    }
    till.close();
    return samples;
  } finally {
    dir.remove();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  process.stdout.write(JSON.stringify(await inProcessSales()));
