/**
 * One run of the simulation from a seed: the shop opens, the plan's work and
 * faults run at their simulated times, checkpoints look at the invariants,
 * then everything heals, the tills settle and every invariant is checked once
 * more. The result carries the trace and a hash of every till's documents: a
 * replay of the same seed (and the same kept events) must give the same one.
 */
import * as Y from 'yjs';
import { Random } from './env/random.ts';
import { SIM_EPOCH_MS, SIM_OWNER } from './env/scheduler.ts';
import type { Violation } from './check/invariants.ts';
import { checkShop } from './check/invariants.ts';
import { Ledger } from './check/ledger.ts';
import { archiveProblems, shopTakings } from './check/archive.ts';
import { divergence, stateHash } from './check/doc-state.ts';
import type { Coverage } from './check/coverage.ts';
import { coverage } from './check/coverage.ts';
import type { Plan, PlanEvent, PlanOptions, WorkKind } from './plan.ts';
import { FAULT_KINDS, makePlan, QUIET_MS } from './plan.ts';
import type { Sabotage } from './sabotage.ts';
import type { NetworkOptions } from './net/network.ts';
import type { LogSink } from '../node/log.ts';
import type { WorkContext } from './work/context.ts';
import { refusal, TillCrashed } from './work/context.ts';
import { FAULTS, WORK } from './work/kinds.ts';
import { Shop } from './world/shop.ts';
import { SIM_MESH_ID } from './world/sim-mesh.ts';
import type { SimTill } from './world/sim-till.ts';

/** Tills start one after another, this far apart (ms). */
const START_STAGGER_MS = 200;
/** After the final heal, the shop is looked at this often until it settled (ms). */
const SETTLE_STEP_MS = 5_000;
/** A shop that has not converged this long after the final heal is a failure (ms). */
const MAX_SETTLE_MS = 180_000;

export interface RunOptions {
  plan?: PlanOptions;
  /** Runs only these events of the plan (checkpoints always run): how a trace is shrunk. */
  keep?: ReadonlySet<number>;
  network?: NetworkOptions;
  sabotage?: Sabotage;
  dir?: string;
  /** Receives the tills' warnings and errors. */
  logSink?: LogSink;
}

export interface TraceLine {
  /** Simulated ms since the start. */
  at: number;
  /** The plan event's id, or -1 for the run's own steps. */
  event: number;
  till: string;
  kind: string;
  text: string;
}

export interface RunResult {
  seed: number;
  plan: Plan;
  /** The events that ran. */
  kept: PlanEvent[];
  violations: Violation[];
  trace: TraceLine[];
  hash: string;
  simulatedMs: number;
  stats: {
    events: number;
    frames: number;
    bytes: number;
    /** HAVE frames: forwarded updates announced (ring neighbours, the relay). */
    haves: number;
    links: number;
    paid: number;
    /** Orders in the relay's archive at the end (0 without a relay). */
    archived: number;
  };
  coverage: Coverage;
}

const isFault = (kind: string): kind is keyof typeof FAULTS =>
  (FAULT_KINDS as readonly string[]).includes(kind);

class Run {
  readonly ledger = new Ledger();
  readonly trace: TraceLine[] = [];
  readonly violations: Violation[] = [];
  archived = 0;
  /** A violation is reported once, at the first check that sees it. */
  private readonly seen = new Set<string>();

  constructor(
    readonly shop: Shop,
    private readonly options: RunOptions,
  ) {}

  note(e: PlanEvent | undefined, till: string, text: string): void {
    const at = this.shop.scheduler.now - SIM_EPOCH_MS;
    this.trace.push({ at, event: e?.id ?? -1, till, kind: e?.kind ?? '', text });
  }

  failed(till: string, error: unknown): void {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.report({ rule: 'till failure', where: till, detail });
  }

  check(final: boolean): void {
    for (const v of checkShop(this.shop, this.ledger, final)) this.report(v);
    for (const f of this.shop.takeFailures()) this.failed(f.till, f.error);
  }

  /** At the end, with a relay: its archive against the books of a till (all hold the same then). */
  async checkArchive(): Promise<void> {
    const { relay, tills } = this.shop;
    if (!relay?.sink || !tills.some((t) => t.till)) return;
    this.archived = await relay.sink.count('order', SIM_MESH_ID);
    for (const detail of await archiveProblems(relay, shopTakings(tills)))
      this.report({ rule: 'archive holds the books', where: relay.host, detail });
  }

  private report(v: Violation): void {
    const key = `${v.rule}|${v.where}|${v.detail}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.violations.push(v);
  }

  schedule(e: PlanEvent): void {
    const { shop } = this;
    const { scheduler } = shop;
    const till = shop.tills[e.till % shop.tills.length]!;
    scheduler.at(SIM_EPOCH_MS + e.at, SIM_OWNER, () => {
      if (e.kind === 'check') return this.check(false);
      if (isFault(e.kind))
        return this.note(
          e,
          till.host,
          FAULTS[e.kind]({ shop, till, random: Random.derive(e.seed) }),
        );
      if (!till.till) return this.note(e, till.host, 'till is down');
      // the work runs as the till's own event: what it schedules is the till's
      scheduler.at(scheduler.now, till.host, () => this.work(e, till));
    });
    // a crash armed now would strike in the quiet window, whose end expects convergence
    if (e.kind === 'check')
      scheduler.at(SIM_EPOCH_MS + e.at - QUIET_MS, SIM_OWNER, () =>
        shop.tills.forEach((t) => t.disarm()),
      );
  }

  private work(e: PlanEvent, sim: SimTill): void {
    const w: WorkContext = {
      sim,
      till: sim.till!,
      random: Random.derive(e.seed),
      ledger: this.ledger,
      others: [...new Set(this.shop.tills.map((t) => t.code as string))].filter(
        (code) => code !== sim.code,
      ),
      seen: (value) => {
        if (sim.till !== w.till) throw new TillCrashed();
        return value;
      },
      // a till killed while work waited goes on only in the abandoned process: nobody saw it
      later: (text) =>
        this.note(e, sim.host, sim.till === w.till ? text : `${text} (in the dead process)`),
      fail: (error) => this.failed(sim.host, error),
      ...(this.options.sabotage ? { sabotage: this.options.sabotage } : {}),
    };
    try {
      this.note(e, sim.host, WORK[e.kind as WorkKind](w));
    } catch (error) {
      if (error instanceof TillCrashed) this.note(e, sim.host, 'the till died under it');
      else if (refusal(error)) this.note(e, sim.host, refusal(error)!);
      else this.failed(sim.host, error);
    }
  }

  /** The relay holds (and archived) every live document of the tills: they are alike by now. */
  private relayCaughtUp(): boolean {
    const { relay } = this.shop;
    const till = this.shop.tills[0]?.till;
    if (!relay || !till) return true;
    const { docs } = till.ctx;
    return docs.names().every((name) => relay.holds(name, Y.encodeStateVector(docs.get(name)!)));
  }

  /** Heals everything, then runs until every till (and the relay) holds the same documents twice in a row. */
  async settle(): Promise<void> {
    const { shop } = this;
    shop.network.heal();
    for (const t of shop.tills) {
      t.disarm();
      if (!t.alive) shop.start(t);
    }
    this.note(undefined, 'all', 'network healed, every till running');
    const deadline = shop.scheduler.now + MAX_SETTLE_MS;
    let previous = '';
    while (shop.scheduler.now < deadline) {
      await shop.scheduler.runUntil(shop.scheduler.now + SETTLE_STEP_MS);
      const running = shop.tills.flatMap((t) => (t.till ? [{ host: t.host, till: t.till }] : []));
      if (running.length < shop.tills.length || divergence(running).length > 0) continue;
      if (!this.relayCaughtUp()) continue;
      const hash = stateHash(shop.tills);
      if (hash === previous) return;
      previous = hash;
    }
  }
}

export async function runSeed(seed: number, options: RunOptions = {}): Promise<RunResult> {
  const plan = makePlan(seed, options.plan);
  const kept = plan.events.filter(
    (e) => e.kind === 'check' || !options.keep || options.keep.has(e.id),
  );
  const shop = await Shop.open({
    seed,
    tills: plan.tills,
    ...(options.network ? { network: options.network } : {}),
    ...(options.dir ? { dir: options.dir } : {}),
    ...(options.logSink ? { logSink: options.logSink } : {}),
    relay: plan.relay,
    ...(plan.duplicate ? { duplicateOf: plan.duplicate.of } : {}),
  });
  try {
    const run = new Run(shop, options);
    shop.startRelay(SIM_EPOCH_MS);
    shop.tills.forEach((t, i) => {
      if (i < plan.tills) shop.start(t, SIM_EPOCH_MS + i * START_STAGGER_MS);
    });
    if (plan.duplicate) shop.start(shop.tills.at(-1)!, SIM_EPOCH_MS + plan.duplicate.startsAt);
    for (const e of kept) run.schedule(e);
    await shop.scheduler.runUntil(SIM_EPOCH_MS + plan.endsAt);
    await run.settle();
    run.check(true);
    await run.checkArchive();
    return {
      seed,
      plan,
      kept,
      violations: run.violations,
      trace: run.trace,
      hash: stateHash(shop.tills),
      simulatedMs: shop.scheduler.now - SIM_EPOCH_MS,
      stats: {
        events: shop.scheduler.executed,
        frames: shop.network.traffic.frames,
        bytes: shop.network.traffic.bytes,
        haves: shop.network.traffic.byKind.have.frames,
        links: shop.network.links,
        paid: run.ledger.paid.size,
        archived: run.archived,
      },
      coverage: coverage(shop, run.ledger),
    };
  } finally {
    shop.close();
  }
}
