/**
 * A run's plan, drawn from its seed before anything runs: shop work and faults
 * at simulated times, in segments, each followed by a quiet window that ends
 * in a checkpoint (nothing is planned in the window, so tills that can talk
 * must have converged by its end). Every event carries its own seed for the
 * choices it makes when it runs, so dropping other events (shrinking) leaves
 * its choices alone.
 */
import { Random } from './env/random.ts';

export const WORK_KINDS = [
  'sale',
  'openCart',
  'payOpen',
  'voidCart',
  'refund',
  'send',
  'claim',
  'claimAndPay',
  'release',
  'cancel',
  'catalogue',
  'cashMove',
  'closeDay',
  'forge',
] as const;
export const FAULT_KINDS = [
  'partition',
  'heal',
  'cut',
  'crash',
  'restart',
  'skew',
  'isolate',
] as const;
export type WorkKind = (typeof WORK_KINDS)[number];
export type FaultKind = (typeof FAULT_KINDS)[number];
export type EventKind = WorkKind | FaultKind | 'check';

export interface PlanEvent {
  /** Its place in the full plan: a shrunk trace names events by it. */
  id: number;
  /** Simulated ms after the run started. */
  at: number;
  kind: EventKind;
  /** Index of the till it concerns (a fault's first till). */
  till: number;
  /** Seeds the event's own choices when it runs. */
  seed: number;
}

/**
 * A second till set up with the code of one already there (never the first
 * till's). The till it copies is cut off from the shop from its start until
 * `ownerAloneUntil`, so the newcomer, connected, hears of no earlier claim and
 * sells under the code until the two meet. Its events name till index `tills`.
 */
export interface DuplicatePlan {
  /** Index of the till whose code it takes. */
  of: number;
  /** When it starts, ms after the run started. */
  startsAt: number;
  ownerAloneUntil: number;
}

export interface Plan {
  seed: number;
  tills: number;
  /** A relay archiving the books joins the shop. */
  relay: boolean;
  duplicate?: DuplicatePlan;
  events: PlanEvent[];
  /** When work stops and every fault is healed. */
  endsAt: number;
}

export interface PlanOptions {
  /** Number of tills; drawn from 2 to 4 when absent. */
  tills?: number;
  segments?: number;
  /** Shop work per till per simulated minute. */
  workPerTillMinute?: number;
  /** Faults per simulated minute of work, over the whole shop. */
  faultsPerMinute?: number;
  /** Records forged by a hostile till per simulated minute of work, over the whole shop. */
  forgeriesPerMinute?: number;
  /** Whether a relay runs; drawn (half the seeds) when absent. */
  relay?: boolean;
  /** Whether a till shares another's code; drawn (a third of the seeds with 3 tills or more) when absent. */
  duplicate?: boolean;
  /**
   * Whether the duplicate also refunds and sends, claims, pays, releases and cancels
   * transfers before it learns it is one (default: it does; off, it does only what a
   * till alone can).
   */
  duplicateSharedWork?: boolean;
}

/** The tills start within this, and have met (settings, catalogue) by its end, ms. */
export const WARM_UP_MS = 3_000;
/** Long enough for a healed link to redial (backoff up to 15 s, with jitter) and sync, ms. */
export const QUIET_MS = 25_000;
const SEGMENT_MS = { min: 20_000, max: 90_000 };
const MINUTE_MS = 60_000;

const WORK_WEIGHTS: Record<WorkKind, number> = {
  sale: 30,
  openCart: 4,
  payOpen: 8,
  voidCart: 3,
  refund: 8,
  send: 8,
  claim: 6,
  claimAndPay: 6,
  release: 3,
  cancel: 3,
  catalogue: 3,
  cashMove: 4,
  closeDay: 2,
  // planned from a stream of its own (below): adding it left every other draw as it was
  forge: 0,
};
const FAULT_WEIGHTS: Record<FaultKind, number> = {
  partition: 2,
  heal: 2,
  cut: 2,
  crash: 3,
  restart: 0, // follows a crash (see below)
  skew: 2,
  isolate: 0, // only for a duplicate (planDuplicate)
};
/** A crashed till comes back within the same segment this often (else at the final heal). */
const RESTART_CHANCE = 0.8;
/** A duplicate does what a till alone can: sell, count cash, close its day, and crash. */
const DUPLICATE_WEIGHTS = {
  sale: 30,
  openCart: 4,
  payOpen: 8,
  voidCart: 3,
  cashMove: 4,
  closeDay: 2,
  crash: 1,
} as const;
/**
 * And, with `duplicateSharedWork`, what a till does with others' work before it learns
 * it is a duplicate: refunds, carts sent, claimed, paid, released and cancelled, weighed as
 * any till's (from a stream of its own, so every other draw of a seed stays as it was).
 */
const SHARED_KINDS = ['refund', 'send', 'claim', 'claimAndPay', 'release', 'cancel'] as const;
const DUPLICATE_SHARED_WEIGHTS = Object.fromEntries(
  SHARED_KINDS.map((kind) => [kind, WORK_WEIGHTS[kind]]),
) as Record<(typeof SHARED_KINDS)[number], number>;
/** Of the duplicate's work, this much more is shared work. */
const DUPLICATE_SHARED_SHARE = 0.5;
const DUPLICATE_START_MS = { min: 1_000, max: 8_000 };
/** How long the copied till stays cut off after the duplicate started, ms. */
const OWNER_ALONE_MS = { min: 5_000, max: 40_000 };

function weighted<K extends string>(random: Random, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as Array<[K, number]>;
  let roll = random.next() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [kind, w] of entries) if ((roll -= w) < 0) return kind;
  return entries[0]![0];
}

export function makePlan(seed: number, options: PlanOptions = {}): Plan {
  const random = Random.derive(seed, 'plan');
  const tills = options.tills ?? random.between(2, 4);
  const segments = options.segments ?? random.between(2, 4);
  const workRate = options.workPerTillMinute ?? 12;
  const faultRate = options.faultsPerMinute ?? 3;
  const forgeRate = options.forgeriesPerMinute ?? 1;
  const events: PlanEvent[] = [];
  const add = (at: number, kind: EventKind, till: number, from = random) =>
    events.push({ id: 0, at: Math.round(at), kind, till, seed: from.uint32() });
  const hostile = Random.derive(seed, 'forgeries');
  let time = WARM_UP_MS;
  const windows: Array<{ from: number; to: number }> = [];
  for (let s = 0; s < segments; s++) {
    const length = random.between(SEGMENT_MS.min, SEGMENT_MS.max);
    windows.push({ from: time, to: time + length });
    const within = (from = random) => time + from.next() * length;
    for (let n = Math.round((length / MINUTE_MS) * forgeRate); n > 0; n--)
      add(within(hostile), 'forge', hostile.int(tills), hostile);
    for (let n = Math.round((length / MINUTE_MS) * workRate * tills); n > 0; n--)
      add(within(), weighted(random, WORK_WEIGHTS), random.int(tills));
    for (let n = Math.round((length / MINUTE_MS) * faultRate); n > 0; n--) {
      const at = within();
      const kind = weighted(random, FAULT_WEIGHTS);
      const till = random.int(tills);
      add(at, kind, till);
      if (kind === 'crash' && random.chance(RESTART_CHANCE))
        add(at + random.next() * (time + length - at), 'restart', till);
    }
    time += length + QUIET_MS;
    add(time, 'check', 0);
  }
  const duplicate = planDuplicate(seed, tills, options, windows, add);
  events.sort((a, b) => a.at - b.at);
  events.forEach((e, i) => (e.id = i));
  // from a stream of its own, like the forgeries: the rest of the plan stays as it was
  const relay = options.relay ?? Random.derive(seed, 'relay').chance(0.5);
  return { seed, tills, relay, ...(duplicate ? { duplicate } : {}), events, endsAt: time };
}

/** The duplicate's start, its owner's isolation and its own work, from a stream of its own. */
function planDuplicate(
  seed: number,
  tills: number,
  options: PlanOptions,
  windows: ReadonlyArray<{ from: number; to: number }>,
  add: (at: number, kind: EventKind, till: number, from: Random) => void,
): DuplicatePlan | undefined {
  const random = Random.derive(seed, 'duplicate');
  if (!(options.duplicate ?? (tills >= 3 && random.chance(1 / 3))) || tills < 2) return undefined;
  const of = random.between(1, tills - 1);
  const startsAt = random.between(DUPLICATE_START_MS.min, DUPLICATE_START_MS.max);
  // healed inside the first segment: a checkpoint's quiet window holds no fault
  const ownerAloneUntil = Math.min(
    startsAt + random.between(OWNER_ALONE_MS.min, OWNER_ALONE_MS.max),
    windows[0]!.to,
  );
  add(0, 'isolate', of, random);
  add(ownerAloneUntil, 'heal', of, random);
  const rate = (options.workPerTillMinute ?? 12) / MINUTE_MS;
  const shared = Random.derive(seed, 'duplicate-shared');
  for (const window of windows) {
    const from = Math.max(window.from, startsAt);
    for (let n = Math.round((window.to - from) * rate); n > 0; n--) {
      const at = from + random.next() * (window.to - from);
      const kind = weighted(random, DUPLICATE_WEIGHTS);
      add(at, kind, tills, random);
      if (kind === 'crash' && random.chance(RESTART_CHANCE))
        add(at + random.next() * (window.to - at), 'restart', tills, random);
    }
    const shares = (options.duplicateSharedWork ?? true) ? DUPLICATE_SHARED_SHARE : 0;
    for (let n = Math.round((window.to - from) * rate * shares); n > 0; n--)
      add(
        from + shared.next() * (window.to - from),
        weighted(shared, DUPLICATE_SHARED_WEIGHTS),
        tills,
        shared,
      );
  }
  return { of, startsAt, ownerAloneUntil };
}
