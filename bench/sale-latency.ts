/**
 * Sale latency: from the first line added to "paid" durable on disk, for a 3-line cash
 * sale, in-process and over the HTTP API on loopback. Both run the till in a process of
 * its own with the node flags and environment `npm start` gives it: the in-process sales through tsx
 * (bench/sale-in-process.ts), the HTTP ones against the compiled till as `npm start`
 * runs it, so the benchmark's client and its garbage are not in the till's heap.
 * Baseline: one bare fsync'd SQLite commit of a 100-byte row on the same kind of file
 * (a sale makes five: the cart, three line edits, the payment; the payment's waits for
 * the disk).
 */
import { execFile } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../node/storage/database.ts';
import { demoProducts } from '../node/demo/demo-catalogue.ts';
import { buildDaemon } from '../scripts/build-daemon.ts';
import type { Row } from './stats.ts';
import { summarize } from './stats.ts';
import { benchDir } from './bench-till.ts';
import { SALES, WARMUP } from './sale-in-process.ts';
import { ROOT, START_ENV, START_FLAGS, startTillProcess } from './till-process.ts';

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

async function inProcess(): Promise<number[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...START_FLAGS, '--import', 'tsx/esm', join(ROOT, 'bench/sale-in-process.ts')],
    { cwd: ROOT, env: { ...process.env, ...START_ENV }, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as number[];
}

type Cart = { id: string; lines: Array<{ unitPrice: number; qty: number }> };

/** A JSON API client on one kept-alive connection; node:http makes far less garbage than fetch. */
function apiClient(base: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let token = '';
  const call = (method: string, path: string, body?: unknown): Promise<Cart & { token: string }> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(new URL(path, base), {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
      });
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode !== 200) reject(new Error(`${path}: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text) as Cart & { token: string });
        });
      });
      req.once('error', reject);
      req.end(payload);
    });
  return {
    call,
    login: async (staffId: string, pin: string) => {
      token = (await call('POST', '/api/login', { staffId, pin })).token;
    },
    close: () => agent.destroy(),
  };
}

async function overHttp(): Promise<number[]> {
  await buildDaemon();
  const dir = benchDir();
  const till = await startTillProcess(dir.configFile);
  const api = apiClient(till.url);
  try {
    await api.login('demo-bob', '0000');
    await api.call('POST', '/api/day/open', { float: 0 });
    const codes = demoProducts().map((p) => p.barcodes[0]!);
    const samples: number[] = [];
    for (let i = 0; i < SALES + WARMUP; i++) {
      const cart = await api.call('POST', '/api/carts');
      const start = performance.now();
      let order: Cart = cart;
      for (let l = 0; l < 3; l++)
        order = await api.call('POST', `/api/carts/${cart.id}/lines`, {
          barcode: codes[(i * 7 + l) % codes.length],
        });
      const total = order.lines.reduce((s, line) => s + line.unitPrice * line.qty, 0);
      await api.call('POST', `/api/carts/${cart.id}/pay`, {
        payments: [{ method: 'cash', amount: total }],
      });
      if (i >= WARMUP) samples.push(performance.now() - start);
    }
    return samples;
  } finally {
    api.close();
    await till.stop();
    dir.remove();
  }
}

export async function saleLatency(): Promise<Row[]> {
  const inProcessSamples = await inProcess();
  const httpSamples = await overHttp();
  const dir = benchDir();
  try {
    const baseline = { name: 'one fsync commit', result: summarize(fsyncBaseline(dir.path)) };
    return [
      {
        name: 'sale, 3 lines to paid (in-process)',
        unit: 'ms',
        result: summarize(inProcessSamples),
        baseline,
      },
      {
        name: 'sale, 3 lines to paid (HTTP API)',
        unit: 'ms',
        result: summarize(httpSamples),
        baseline,
      },
    ];
  } finally {
    dir.remove();
  }
}
