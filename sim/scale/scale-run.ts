/**
 * One size of mesh, measured: N tills on the real mesh topology (a full mesh
 * up to 16, ring neighbours past that: node/mesh/topology.ts), a healthy LAN,
 * sales at a steady rate on random tills.
 * Reported: simulated time from a payment's commit until every other till
 * holds it (p50, p99), frames and bytes sent per sale (all traffic of the
 * window, anti-entropy included, and the updates alone), links per till, and
 * the process's CPU time over the window per peer update applied (every till
 * runs in this process, so it counts all of the mesh's work: selling,
 * signing, verifying, syncing, and the simulated network's own bookkeeping).
 */
import { withTotals } from '../../crdt/pricing.ts';
import { dialTargets, isBounded } from '../../node/mesh/topology.ts';
import { wallMs } from '../env/clock-hooks.ts';
import { Random } from '../env/random.ts';
import { SIM_EPOCH_MS } from '../env/scheduler.ts';
import type { FrameKind } from '../net/frame-kind.ts';
import { FRAME_KINDS } from '../net/frame-kind.ts';
import { cashier } from '../work/context.ts';
import { Shop } from '../world/shop.ts';
import type { SimTill } from '../world/sim-till.ts';
import { percentile, Propagation } from './propagation.ts';

export interface ScaleOptions {
  seed: number;
  /** The largest mesh that stays a full mesh; ring neighbours past it. */
  fullMeshMax: number;
  sales: number;
  /** Simulated ms over which the sales are spread. */
  windowMs: number;
}

export const DEFAULT_SCALE: Omit<ScaleOptions, 'seed' | 'fullMeshMax'> = {
  sales: 200,
  windowMs: 30_000,
};

export interface Traffic {
  frames: number;
  bytes: number;
}

export interface ScaleResult {
  tills: number;
  topology: 'full mesh' | 'ring';
  sales: number;
  latencyMs: { p50: number; p99: number; max: number; samples: number; missing: number };
  /** Sent per sale over the window: everything, live updates, announcements, state-vector exchanges, presence. */
  perSale: Record<'all' | 'update' | 'have' | 'sync' | 'presence', Traffic>;
  linksPerTill: { min: number; max: number };
  /** Peer updates applied over the window (all tills), and CPU µs of the process per one. */
  applied: { updates: number; cpuUsPerUpdate: number };
  realMs: number;
}

const START_STAGGER_MS = 50;
/** Longest a mesh may take to form and share its settings and catalogue (simulated ms). */
const FORM_MS = 120_000;
const STEP_MS = 1_000;
/** Time given after the last sale for it to reach everyone (simulated ms). */
const DRAIN_MS = 30_000;
const LINES_PER_SALE = 2;

const sumOf = <T>(list: readonly T[], f: (t: T) => number) => list.reduce((s, t) => s + f(t), 0);

/** Every till has a session with each peer the topology links it to, and holds the founder's catalogue. */
function formed(shop: Shop, fullMeshMax: number): boolean {
  const ids = shop.tills.map((t) => t.peerId);
  const dials = new Map(ids.map((id) => [id, dialTargets(id, ids, fullMeshMax)]));
  const products = shop.tills[0]!.till?.ctx.catalogue.productCount ?? 0;
  return shop.tills.every((t) => {
    const linked = ids.filter((id) => dials.get(t.peerId)!.has(id) || dials.get(id)!.has(t.peerId));
    const connected = new Set(t.sync?.connectedPeers() ?? []);
    return (
      linked.every((id) => connected.has(id)) && t.till?.ctx.catalogue.productCount === products
    );
  });
}

function sell(till: SimTill, random: Random): void {
  const t = till.till!;
  if (!t.days.current()) t.days.openDay(cashier, 10_000);
  const products = t.ctx.catalogue.allProducts();
  const cart = t.sales.createCart(cashier);
  const ops = Array.from({ length: LINES_PER_SALE }, () => ({
    type: 'addProduct' as const,
    productId: random.pick(products)!.id,
  }));
  const filled = t.sales.applyOps(cashier, cart.id, ops);
  t.sales.pay(cashier, cart.id, [{ method: 'card', amount: withTotals(filled).totals.total }]);
}

export async function measureScale(tills: number, options: ScaleOptions): Promise<ScaleResult> {
  const started = wallMs();
  const { fullMeshMax } = options;
  const shop = await Shop.open({ seed: options.seed, tills, fullMeshMax });
  const { scheduler } = shop;
  try {
    shop.tills.forEach((t, i) => shop.start(t, SIM_EPOCH_MS + i * START_STAGGER_MS));
    while (!formed(shop, fullMeshMax) && scheduler.now < SIM_EPOCH_MS + FORM_MS)
      await scheduler.runUntil(scheduler.now + STEP_MS);
    if (!formed(shop, fullMeshMax))
      throw new Error(`${tills} tills did not form a mesh in ${FORM_MS / 1000} s`);
    // every till opens its day before the measured window: its document is known to all
    for (const t of shop.tills)
      scheduler.at(scheduler.now, t.host, () => t.till!.days.openDay(cashier, 10_000));
    await scheduler.runUntil(scheduler.now + DRAIN_MS);
    const propagation = new Propagation(shop.tills, () => scheduler.now);
    const before = structuredClone(shop.network.traffic);
    const random = Random.derive(options.seed, 'scale');
    const windowStart = scheduler.now;
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < options.sales; i++) {
      const till = random.pick(shop.tills)!;
      scheduler.at(windowStart + (i * options.windowMs) / options.sales, till.host, () => {
        sell(till, random);
        propagation.committed(till, till.till!.days.current()!.name);
      });
    }
    await scheduler.runUntil(windowStart + options.windowMs + DRAIN_MS);
    const cpu = process.cpuUsage(cpuBefore);
    const after = shop.network.traffic;
    const perSale = (...kinds: FrameKind[]): Traffic => ({
      frames: sumOf(kinds, (k) => after.byKind[k].frames - before.byKind[k].frames) / options.sales,
      bytes: sumOf(kinds, (k) => after.byKind[k].bytes - before.byKind[k].bytes) / options.sales,
    });
    const sorted = [...propagation.samples].sort((a, b) => a - b);
    const links = shop.tills.map((t) => shop.network.linksOf(t.host));
    return {
      tills,
      topology: isBounded(tills, fullMeshMax) ? 'ring' : 'full mesh',
      sales: options.sales,
      latencyMs: {
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted.at(-1) ?? NaN,
        samples: sorted.length,
        missing: propagation.outstanding(),
      },
      perSale: {
        all: perSale(...FRAME_KINDS),
        update: perSale('update'),
        have: perSale('have'),
        sync: perSale('step1', 'step2'),
        presence: perSale('awareness'),
      },
      linksPerTill: { min: Math.min(...links), max: Math.max(...links) },
      applied: {
        updates: propagation.applied,
        cpuUsPerUpdate: (cpu.user + cpu.system) / Math.max(1, propagation.applied),
      },
      realMs: wallMs() - started,
    };
  } finally {
    shop.close();
  }
}
