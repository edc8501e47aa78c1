/**
 * One till of the simulation: the real Till (its SQLite files in its own
 * directory) and its part of the mesh (sim-mesh.ts), on simulated time and
 * network.
 *
 * A crash is kill -9: the data directory is copied as it is on disk at that
 * instant (every commit so far, nothing after), the process's timers are
 * dropped and its links die. The abandoned incarnation may still finish the
 * call it was in — into files nobody opens again, with no network — and the
 * restart opens the copy.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TillCode } from '../../crdt/ids.ts';
import type { TillConfig } from '../../node/config/load-config.ts';
import { parseConfig } from '../../node/config/load-config.ts';
import { IDENTITY_FILE } from '../../node/identity.ts';
import type { Logger } from '../../node/log.ts';
import type { MeshSync } from '../../node/mesh/mesh-sync.ts';
import { Till } from '../../node/till/till.ts';
import type { Random } from '../env/random.ts';
import type { Scheduler } from '../env/scheduler.ts';
import type { Listener, Network } from '../net/network.ts';
import type { SimChannel } from '../net/sim-channel.ts';
import type { SimMesh } from './sim-mesh.ts';
import type { SimRelay } from './sim-relay.ts';
import { joinMesh, SIM_MESH_ID } from './sim-mesh.ts';

export interface TillWorld {
  scheduler: Scheduler;
  network: Network;
  random: Random;
  /** Every till of the shop (the static peers each one dials). */
  tills: () => readonly SimTill[];
  /** The shop's relay, when it has one: every till dials it. */
  relays: () => readonly SimRelay[];
  log: (host: string) => Logger;
  /** Something a running till did that a real one would have died of. */
  fail: (host: string, error: unknown) => void;
  /** The largest mesh that stays a full mesh (the product's threshold unless a comparison sets it). */
  fullMeshMax?: number;
}

/** After a commit and before the network heard of it, or inside a transaction. */
export type CrashPhase = 'afterCommit' | 'inCommit';

export interface TillSpec {
  /** The machine's name on the network and in the trace: the code, unless two tills share it. */
  host: string;
  code: TillCode;
  /** The protobuf of its Ed25519 key, made from the seed. */
  identityKey: Uint8Array;
  peerId: string;
  founder: boolean;
  root: string;
}

export class SimTill implements Listener {
  readonly host: string;
  readonly code: TillCode;
  readonly peerId: string;
  /** The running incarnation, or undefined while it is down. */
  till: Till | undefined;
  private mesh: SimMesh | undefined;
  /** Bumped at every start and crash: callbacks of an older one are ignored. */
  incarnation = 0;
  skewMs = 0;
  /** How the last crash struck, and which incarnation it ended. */
  lastCrash: { phase: CrashPhase | 'now'; incarnation: number } | undefined;
  /** How each crash of this till struck. */
  readonly crashes: Array<CrashPhase | 'now'> = [];
  private armed: { phase: CrashPhase; remaining: number } | undefined;
  private generation = 0;

  constructor(
    private readonly world: TillWorld,
    private readonly spec: TillSpec,
  ) {
    this.host = spec.host;
    this.code = spec.code;
    this.peerId = spec.peerId;
    mkdirSync(this.dataDir(), { recursive: true });
    writeFileSync(join(this.dataDir(), IDENTITY_FILE), spec.identityKey, { mode: 0o600 });
  }

  get alive(): boolean {
    return this.till !== undefined;
  }

  /** This till's wall clock: simulated time, skewed as the plan says. */
  now(): number {
    return Math.floor(this.world.scheduler.now) + this.skewMs;
  }

  /** Opens the till from its files and joins the network; run as one of its own events. */
  async start(): Promise<void> {
    if (this.till) return;
    const till = await Till.open({
      config: this.config(),
      log: this.world.log(this.host),
      mesh: { meshId: SIM_MESH_ID, created: this.spec.founder },
      onFatal: (error) => this.world.fail(this.host, error),
      now: () => this.now(),
    });
    this.till = till;
    const incarnation = ++this.incarnation;
    this.mesh = joinMesh(till, this, this.world, () => this.incarnation === incarnation);
    this.crashPoints(till);
    this.world.network.hostUp(this.host);
  }

  get sync(): MeshSync | undefined {
    return this.mesh?.sync;
  }

  /** Crashes at the `count`-th commit (or append inside a commit) from now on. */
  arm(phase: CrashPhase, count: number): void {
    this.armed = { phase, remaining: count };
  }

  disarm(): void {
    this.armed = undefined;
  }

  /** kill -9 (or the power): what is on disk now is all the next start finds. */
  crash(phase: CrashPhase | 'now' = 'now'): void {
    if (!this.till) return;
    this.armed = undefined;
    this.lastCrash = { phase, incarnation: this.incarnation };
    this.crashes.push(phase);
    const from = this.dataDir();
    this.generation++;
    // the shared-memory index is left behind: SQLite rebuilds it from the log, as after a power cut
    cpSync(from, this.dataDir(), { recursive: true, filter: (f) => !f.endsWith('-shm') });
    this.world.scheduler.kill(this.host);
    this.world.network.hostDown(this.host);
    const abandoned = this.till;
    this.till = undefined;
    this.mesh = undefined;
    this.incarnation++;
    // the call it was in may still finish, into the old files; close them after that
    this.world.scheduler.after(0, 'sim', () => abandoned.ctx.store.close());
  }

  /** A clean stop at the end of a run. */
  stop(): void {
    this.mesh?.stop();
    this.till?.close();
    this.till = undefined;
    this.mesh = undefined;
  }

  accept(channel: SimChannel): void {
    if (this.sync) this.sync.attach(channel);
    else channel.close('till not running');
  }

  /**
   * Where an armed crash may strike: after a commit (DocHost tells its listeners
   * only then, so the network has not heard of it yet), or inside one, right
   * after an update was appended and before the transaction committed.
   */
  private crashPoints(till: Till): void {
    const trip = (phase: CrashPhase) => {
      if (this.till !== till || this.armed?.phase !== phase) return;
      if (--this.armed.remaining <= 0) this.crash(phase);
    };
    till.ctx.docs.onUpdate(() => trip('afterCommit'));
    const store = till.ctx.store;
    const append = store.append.bind(store);
    store.append = (doc, update) => {
      const id = append(doc, update);
      trip('inCommit');
      return id;
    };
  }

  private dataDir(): string {
    return join(this.spec.root, this.host, `g${this.generation}`);
  }

  private config(): TillConfig {
    const raw = {
      till: { code: this.code, name: `Till ${this.code}` },
      dataDir: this.dataDir(),
      http: { port: 0 },
      // never listened on: the simulated network carries the streams
      mesh: { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false },
      demo: this.spec.founder,
    };
    return parseConfig(join(this.spec.root, `${this.host}.config.json`), JSON.stringify(raw));
  }
}
