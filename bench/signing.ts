/**
 * What signing costs a sale. Every record a till writes is signed (Ed25519 over
 * a canonical encoding of the record and its place), and every reader verifies
 * what it counts. Measured on the records of real in-process sales: signing
 * and verifying one paid order (baseline: the canonical encoding alone), and
 * the four signatures a 3-line sale makes (three line edits and the payment)
 * against that sale's whole latency.
 */
import type { Order } from '../crdt/schema.ts';
import { DAY } from '../crdt/documents.ts';
import { signingMessage, signRecord } from '../crdt/signing.ts';
import { demoProducts } from '../node/demo/demo-catalogue.ts';
import { ed25519 } from '../node/signatures.ts';
import type { Row } from './stats.ts';
import { summarize } from './stats.ts';
import { benchCashier, benchDir, openBenchTill } from './bench-till.ts';

const SALES = 500;
const ROUNDS = 5_000;
const WARMUP = 200;

function time(n: number, fn: (i: number) => void): number[] {
  const samples: number[] = [];
  for (let i = 0; i < n + WARMUP; i++) {
    const start = performance.now();
    fn(i);
    if (i >= WARMUP) samples.push((performance.now() - start) * 1000);
  }
  return samples;
}

export async function signingBenchmarks(): Promise<Row[]> {
  const dir = benchDir();
  try {
    const till = await openBenchTill(dir);
    const day = till.days.openDay(benchCashier, 0);
    const codes = demoProducts().map((p) => p.barcodes[0]!);
    const sales: number[] = [];
    const paid: Order[] = [];
    for (let i = 0; i < SALES; i++) {
      const cart = till.sales.createCart(benchCashier);
      const start = performance.now();
      let order = cart;
      for (let l = 0; l < 3; l++)
        order = till.sales.applyOp(benchCashier, cart.id, {
          type: 'addBarcode',
          barcode: codes[(i * 3 + l) % codes.length]!,
        });
      const total = order.lines.reduce((s, line) => s + line.unitPrice * line.qty, 0);
      const sold = till.sales.pay(benchCashier, cart.id, [{ method: 'cash', amount: total }]);
      sales.push((performance.now() - start) * 1000);
      paid.push(day.view.signed(sold));
    }
    const signer = till.ctx.signer;
    const place = (o: Order) => ({ doc: day.name, map: DAY.orders, key: o.id });
    const pick = (i: number) => paid[i % paid.length]!;
    const encode = summarize(time(ROUNDS, (i) => signingMessage(place(pick(i)), pick(i))));
    const sign = time(ROUNDS, (i) => signRecord(pick(i), place(pick(i)), signer));
    const verify = time(ROUNDS, (i) => {
      const o = pick(i);
      if (!ed25519.verify(signer.peerId, signingMessage(place(o), o), o.sig!))
        throw new Error('a signature of the till did not verify');
    });
    // a sale signs its cart at each of the three lines and once paid
    const perSale = time(SALES, (i) => {
      for (let k = 0; k < 4; k++) signRecord(pick(i), place(pick(i)), signer);
    });
    till.close();
    const baseline = { name: 'canonical encoding only', result: encode };
    return [
      { name: 'sign a paid order record', unit: 'µs', result: summarize(sign), baseline },
      { name: 'verify a paid order record', unit: 'µs', result: summarize(verify), baseline },
      {
        name: "a sale's 4 signatures",
        unit: 'µs',
        result: summarize(perSale),
        baseline: { name: 'the whole sale, in-process', result: summarize(sales) },
        note: 'ratio p50 is the share of a 3-line sale (to paid, durable) spent signing',
      },
    ];
  } finally {
    dir.remove();
  }
}
