/**
 * Sale latency: from the first line added to "paid" durable on disk, for a
 * 3-line cash sale, in-process and over the HTTP API on loopback. Baseline: one
 * bare fsync'd SQLite commit of a 100-byte row on the same kind of file (a sale
 * makes four: three line edits and the payment).
 */
import { join } from 'node:path';
import { openDatabase } from '../node/storage/database.ts';
import { DeviceService } from '../node/devices/device-service.ts';
import { startApiServer } from '../node/api/http-server.ts';
import { createLogger } from '../node/log.ts';
import { demoProducts } from '../node/demo/demo-catalogue.ts';
import type { Row } from './stats.ts';
import { summarize } from './stats.ts';
import { benchCashier, benchDir, openBenchTill } from './bench-till.ts';

const SALES = 1_000;
const WARMUP = 50;

function fsyncBaseline(path: string): number[] {
  const db = openDatabase(join(path, 'baseline.db'));
  db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, data BLOB)');
  const insert = db.prepare('INSERT INTO t (data) VALUES (?)');
  const row = Buffer.alloc(100, 7);
  const samples: number[] = [];
  for (let i = 0; i < SALES + WARMUP; i++) {
    const start = performance.now();
    insert.run(row);
    if (i >= WARMUP) samples.push(performance.now() - start);
  }
  db.close();
  return samples;
}

export async function saleLatency(): Promise<Row[]> {
  const dir = benchDir();
  try {
    const till = await openBenchTill(dir);
    till.days.openDay(benchCashier, 0);
    const codes = demoProducts().map((p) => p.barcodes[0]!);
    const inProcess: number[] = [];
    for (let i = 0; i < SALES + WARMUP; i++) {
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
      if (i >= WARMUP) inProcess.push(performance.now() - start);
    }

    const silent = createLogger({ component: 'bench', level: 'silent' });
    const devices = DeviceService.create(till, silent);
    await devices.start();
    const api = await startApiServer(till, devices, silent, { host: '127.0.0.1', port: 0 });
    const { token } = till.auth.login('demo-bob', '0000', 'bench');
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(new URL(path, api.url), {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string; lines: Array<{ unitPrice: number; qty: number }> };
    };
    const overHttp: number[] = [];
    for (let i = 0; i < SALES + WARMUP; i++) {
      const cart = await call('POST', '/api/carts');
      const start = performance.now();
      let order = cart;
      for (let l = 0; l < 3; l++)
        order = await call('POST', `/api/carts/${cart.id}/lines`, {
          barcode: codes[(i * 7 + l) % codes.length],
        });
      const total = order.lines.reduce((s, line) => s + line.unitPrice * line.qty, 0);
      await call('POST', `/api/carts/${cart.id}/pay`, {
        payments: [{ method: 'cash', amount: total }],
      });
      if (i >= WARMUP) overHttp.push(performance.now() - start);
    }
    await api.close();
    await devices.stop();
    till.close();

    const baseline = { name: 'one fsync commit', result: summarize(fsyncBaseline(dir.path)) };
    return [
      {
        name: 'sale, 3 lines to paid (in-process)',
        unit: 'ms',
        result: summarize(inProcess),
        baseline,
      },
      {
        name: 'sale, 3 lines to paid (HTTP API)',
        unit: 'ms',
        result: summarize(overHttp),
        baseline,
      },
    ];
  } finally {
    dir.remove();
  }
}
