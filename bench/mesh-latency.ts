/**
 * Mesh benchmarks:
 * - update latency from till A to till B (a catalogue edit committed on A until
 *   B's document shows it, durable on both) in meshes of 2, 10 and 30 tills,
 *   against the same edit through a central y-websocket server (no disk) with
 *   as many clients, measured in the same run;
 * - time for two tills that sold 1,000 orders each while apart to converge.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import WebSocket, { WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CATALOGUE } from '../crdt/documents.ts';
import { demoProducts } from '../node/demo/demo-catalogue.ts';
import { benchCashier, benchManager } from './bench-till.ts';
import type { LocalNode } from './bench-mesh.ts';
import {
  benchTills,
  converged,
  local,
  spawnOthers,
  startMeshes,
  stopAll,
  until,
} from './bench-mesh.ts';
import type { Row } from './stats.ts';
import { summarize } from './stats.ts';

const SAMPLES = 100;
const SIZES = [2, 10, 30];
const OFFLINE_SALES = 1_000;

/** CPU seconds used so far by these processes (user + system, from /proc). */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

interface MeshSample {
  samples: number[];
  /** The same, from A's durable commit on: the network and B's side alone. */
  afterCommit: number[];
  /** Share of the machine's CPU the other tills used while sampling. */
  othersCpu: number;
}

async function meshLatency(n: number): Promise<MeshSample> {
  // A and B in this process (one clock to measure with), the others as real till processes
  const nodes = await benchTills(n, 2);
  try {
    await spawnOthers(nodes);
    await startMeshes(nodes);
    const pair = local(nodes);
    // a full mesh up to 16 tills, ring neighbours past that: every till online everywhere
    await until(
      () =>
        pair.every(
          (x) => x.mesh!.sync.connectedPeers().length > 0 && x.mesh!.presence.online().length === n,
        ),
      600_000,
      `${n} tills connected`,
    );
    await until(() => converged(pair), 180_000, 'initial convergence');
    const [a, b] = pair as [LocalNode, LocalNode];
    const categories = b.till.ctx.catalogueDoc.getMap(CATALOGUE.categories);
    const samples: number[] = [];
    const afterCommit: number[] = [];
    const pids = nodes.flatMap((x) => (x.daemon?.child.pid ? [x.daemon.child.pid] : []));
    const cpuBefore = cpuSeconds(pids);
    const wallBefore = performance.now();
    for (let i = 0; i < SAMPLES + 5; i++) {
      const name = `bench ${i}`;
      const arrived = new Promise<number>((resolve) => {
        const observer = () => {
          const record = categories.get('bench') as { name?: string } | undefined;
          if (record?.name === name) {
            categories.unobserve(observer);
            resolve(performance.now());
          }
        };
        categories.observe(observer);
      });
      const start = performance.now();
      a.till.catalogue.upsertCategory(benchManager, { id: 'bench', name });
      const committed = performance.now();
      const end = await arrived;
      if (i >= 5) {
        samples.push(end - start);
        afterCommit.push(end - committed);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const othersCpu =
      (cpuSeconds(pids) - cpuBefore) / ((performance.now() - wallBefore) / 1000) / cpus().length;
    return { samples, afterCommit, othersCpu };
  } finally {
    await stopAll(nodes);
  }
}

/** The classic y-websocket server (v1's utils), one room, n clients. */
async function centralLatency(n: number): Promise<number[]> {
  const require = createRequire(import.meta.url);
  const { setupWSConnection } = require('y-websocket-server/bin/utils') as {
    setupWSConnection: (ws: WebSocket, req: unknown, options?: { docName?: string }) => void;
  };
  const server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws, req) => setupWSConnection(ws, req, { docName: 'catalogue' }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients = Array.from({ length: n }, () => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(url, 'catalogue', doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    return { doc, provider };
  });
  try {
    await until(() => clients.every((c) => c.provider.synced), 60_000, 'clients synced');
    const [a, b] = clients as [(typeof clients)[0], (typeof clients)[0]];
    const categories = b.doc.getMap(CATALOGUE.categories);
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES + 5; i++) {
      const name = `bench ${i}`;
      const arrived = new Promise<number>((resolve) => {
        const observer = () => {
          if ((categories.get('bench') as { name?: string } | undefined)?.name === name) {
            categories.unobserve(observer);
            resolve(performance.now());
          }
        };
        categories.observe(observer);
      });
      const start = performance.now();
      a.doc.getMap(CATALOGUE.categories).set('bench', { id: 'bench', name });
      const end = await arrived;
      if (i >= 5) samples.push(end - start);
      await new Promise((r) => setTimeout(r, 5));
    }
    return samples;
  } finally {
    for (const c of clients) c.provider.destroy();
    wss.close();
    server.close();
  }
}

async function partitionConvergence(): Promise<{ ms: number; bytes: number }> {
  const nodes = await benchTills(2);
  try {
    // together first (the second till gets the catalogue), then apart
    await startMeshes(nodes);
    await until(() => converged(local(nodes)), 120_000, 'initial convergence');
    for (const node of local(nodes)) await node.mesh?.stop();
    const codes = demoProducts().map((p) => p.barcodes[0]!);
    for (const node of local(nodes)) {
      node.till.days.openDay(benchCashier, 0);
      for (let i = 0; i < OFFLINE_SALES; i++) {
        const cart = node.till.sales.createCart(benchCashier);
        const order = node.till.sales.applyOp(benchCashier, cart.id, {
          type: 'addBarcode',
          barcode: codes[i % codes.length]!,
        });
        node.till.sales.pay(benchCashier, cart.id, [
          { method: 'cash', amount: order.lines[0]!.unitPrice },
        ]);
      }
    }
    const bytes = local(nodes)[0]!
      .till.ctx.store.listDocs('live')
      .reduce((s, d) => s + d.bytes, 0);
    const start = performance.now();
    await startMeshes(nodes);
    await until(() => converged(local(nodes)), 120_000, 'convergence after the partition');
    return { ms: performance.now() - start, bytes };
  } finally {
    await stopAll(nodes);
  }
}

export async function meshBenchmarks(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const n of SIZES) {
    process.stderr.write(`  mesh of ${n}...\n`);
    const central = summarize(await centralLatency(n));
    let mesh: MeshSample;
    try {
      mesh = await meshLatency(n);
    } catch (error) {
      // reported, not hidden: on a small machine the largest mesh may not come up in time
      rows.push({
        name: `update A->B, ${n} tills`,
        unit: 'ms',
        result: summarize([]),
        baseline: { name: 'central y-websocket', result: central },
        note: `not measured: ${(error as Error).message}`,
      });
      continue;
    }
    rows.push({
      name: `update A->B, ${n} tills`,
      unit: 'ms',
      result: summarize(mesh.samples),
      baseline: { name: 'central y-websocket', result: central },
      note:
        (n === SIZES[0]
          ? 'mesh: committed to SQLite on A, sent over libp2p (noise, pnet), applied and committed on B; the other tills run as separate processes on this machine; baseline: in-memory server, no disk, all clients in this process. '
          : '') +
        `The other ${n - 2} tills used ${Math.round(mesh.othersCpu * 100)}% of this machine's ${cpus().length} cores while sampling.`,
    });
    rows.push({
      name: `update A->B after A's commit, ${n} tills`,
      unit: 'ms',
      result: summarize(mesh.afterCommit),
      baseline: { name: 'central y-websocket', result: central },
      note: "like with like: the central server's clients write no disk either",
    });
  }
  process.stderr.write('  partition of 1,000 sales per side...\n');
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await partitionConvergence());
  rows.push({
    name: 'converge after partition, 1,000 sales per side',
    unit: 'ms',
    result: summarize(runs.map((r) => r.ms)),
    note: `from starting the meshes (dial included) to identical state vectors; ${Math.round(runs[0]!.bytes / 1024)} KiB of live documents per side; 3 runs`,
  });
  return rows;
}
