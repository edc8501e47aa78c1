/**
 * Transfers: from `send` on A until the transfer is listed as offered on B and on
 * C, in a mesh of 10 tills (A, B, C in this process, 7 till processes). Baseline:
 * a plain catalogue edit from A until B's document shows it, in the same mesh.
 */
import { CATALOGUE, TRANSFERS_DOC } from '../crdt/documents.ts';
import { demoProducts } from '../node/demo/demo-catalogue.ts';
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
import { benchCashier, benchManager } from './bench-till.ts';
import type { Row } from './stats.ts';
import { summarize } from './stats.ts';

const TILLS = 10;
const SAMPLES = 50;

/** Resolves when `check` holds, re-checked after each update of `doc` on that till. */
function whenTrue(node: LocalNode, doc: string, check: () => boolean): Promise<number> {
  return new Promise((resolve) => {
    if (check()) return resolve(performance.now());
    const off = node.till.ctx.docs.onUpdate((name) => {
      if (name === doc && check()) {
        off();
        resolve(performance.now());
      }
    });
  });
}

export async function transferBenchmarks(): Promise<Row[]> {
  const nodes = await benchTills(TILLS, 3);
  try {
    await spawnOthers(nodes);
    await startMeshes(nodes);
    const trio = local(nodes);
    await until(
      () => trio.every((x) => x.mesh!.sync.connectedPeers().length === TILLS - 1),
      300_000,
      'mesh connected',
    );
    await until(() => converged(trio), 120_000, 'initial convergence');
    const [a, b, c] = trio as [LocalNode, LocalNode, LocalNode];
    for (const node of trio) node.till.days.openDay(benchCashier, 0);
    await until(() => converged(trio), 60_000, 'days everywhere');

    const plain: number[] = [];
    const categories = b.till.ctx.catalogueDoc.getMap(CATALOGUE.categories);
    for (let i = 0; i < SAMPLES; i++) {
      const name = `bench ${i}`;
      const seen = whenTrue(
        b,
        'catalogue',
        () => (categories.get('bench') as { name?: string } | undefined)?.name === name,
      );
      const start = performance.now();
      a.till.catalogue.upsertCategory(benchManager, { id: 'bench', name });
      plain.push((await seen) - start);
    }

    const listed: number[] = [];
    const barcode = demoProducts()[5]!.barcodes[0]!;
    for (let i = 0; i < SAMPLES; i++) {
      const cart = a.till.sales.createCart(benchCashier);
      a.till.sales.applyOp(benchCashier, cart.id, { type: 'addBarcode', barcode, qty: 2 });
      let id = '';
      const offeredOn = (node: LocalNode) =>
        whenTrue(node, TRANSFERS_DOC, () => node.till.transfers.offered().some((t) => t.id === id));
      const start = performance.now();
      id = a.till.transfers.send(benchCashier, cart.id, { mode: 'broadcast', targets: null }).id;
      const [onB, onC] = await Promise.all([offeredOn(b), offeredOn(c)]);
      listed.push(Math.max(onB, onC) - start);
      a.till.transfers.cancel(benchCashier, id); // keeps the offered lists short and the run steady
      await until(
        () => !b.till.transfers.offered().some((t) => t.id === id),
        30_000,
        'cancel seen',
      );
    }
    return [
      {
        name: `transfer listed on B and C, ${TILLS} tills`,
        unit: 'ms',
        result: summarize(listed),
        baseline: { name: 'catalogue edit A->B', result: summarize(plain) },
        note: 'from send on A (cart closed, log created, committed) until both B and C list it as offered; 7 of the tills run as separate processes',
      },
    ];
  } finally {
    await stopAll(nodes);
  }
}
