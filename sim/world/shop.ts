/**
 * A simulated shop for one run: simulated time and randomness taken over for
 * the process, a LAN, and N tills in one temporary directory. `close` gives
 * the process its real time and randomness back and removes the files.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lib0Random from 'lib0/random';
import * as lib0Time from 'lib0/time';
import type { TillCode } from '../../crdt/ids.ts';
import type { Logger, LogSink } from '../../node/log.ts';
import { createLogger } from '../../node/log.ts';
import { holdEntropy } from '../env/entropy.ts';
import { installFakeTimers } from '../env/fake-timers.ts';
import { Random } from '../env/random.ts';
import { Scheduler, SIM_OWNER } from '../env/scheduler.ts';
import type { NetworkOptions } from '../net/network.ts';
import { Network } from '../net/network.ts';
import { seededIdentity } from './identities.ts';
import { SimRelay } from './sim-relay.ts';
import { SimTill } from './sim-till.ts';

/** The relay's and a duplicate's identities are drawn after any till's could be. */
const RELAY_IDENTITY = 1_000;
const DUPLICATE_IDENTITY = 1_001;

/** Shared memory beats a disk here: the storage code is the same, fsync costs nothing. */
const FAST_TMP = '/dev/shm';

export interface ShopOptions {
  seed: number;
  tills: number;
  network?: NetworkOptions;
  /** Where the till directories go (default: /dev/shm when there is one). */
  dir?: string;
  /** Receives the tills' log lines (warnings and worse); none by default. */
  logSink?: LogSink;
  /** A relay archiving to SQLite joins the shop. */
  relay?: boolean;
  /** A till with the code of the till at this index joins the shop (the last of its tills). */
  duplicateOf?: number;
  /** The largest mesh that stays a full mesh (topology.ts's unless the scale mode compares). */
  fullMeshMax?: number;
}

export interface Failure {
  till: string;
  error: unknown;
}

export class Shop {
  readonly scheduler = new Scheduler();
  readonly network: Network;
  readonly tills: SimTill[] = [];
  relay: SimRelay | undefined;
  /** What a running till hit that a real one would have died of. */
  readonly failures: Failure[] = [];
  private readonly root: string;
  private readonly restore: Array<() => void> = [];

  private constructor(readonly options: ShopOptions) {
    const base = options.dir ?? (existsSync(FAST_TMP) ? FAST_TMP : tmpdir());
    this.root = mkdtempSync(join(base, 'posmesh-sim-'));
    const environment = Random.derive(options.seed, 'environment');
    this.restore.push(holdEntropy(environment), installFakeTimers(this.scheduler));
    // an error no caller catches (in a till's microtask) would end a real till's process
    const uncaught = (error: unknown) =>
      this.failures.push({ till: this.scheduler.running, error });
    process.on('uncaughtException', uncaught);
    process.on('unhandledRejection', uncaught);
    this.restore.push(() => {
      process.off('uncaughtException', uncaught);
      process.off('unhandledRejection', uncaught);
    });
    try {
      assertDeterministic(environment, this.scheduler);
    } catch (error) {
      this.close();
      throw error;
    }
    this.network = new Network(
      this.scheduler,
      Random.derive(options.seed, 'network'),
      options.network,
    );
  }

  static async open(options: ShopOptions): Promise<Shop> {
    const shop = new Shop(options);
    try {
      const world = {
        scheduler: shop.scheduler,
        network: shop.network,
        random: Random.derive(options.seed, 'dials'),
        tills: () => shop.tills,
        relays: () => (shop.relay ? [shop.relay] : []),
        log: (host: string) => shop.logger(host),
        fail: (till: string, error: unknown) => shop.failures.push({ till, error }),
        fullMeshMax: options.fullMeshMax,
      };
      for (let i = 0; i < options.tills; i++) {
        const identity = await seededIdentity(options.seed, i);
        const code = `T${i + 1}` as TillCode;
        shop.tills.push(
          new SimTill(world, { host: code, code, ...identity, founder: i === 0, root: shop.root }),
        );
      }
      const copied =
        options.duplicateOf === undefined ? undefined : shop.tills[options.duplicateOf];
      if (copied)
        shop.tills.push(
          new SimTill(world, {
            host: `${copied.code}-dup`,
            code: copied.code,
            ...(await seededIdentity(options.seed, DUPLICATE_IDENTITY)),
            founder: false,
            root: shop.root,
          }),
        );
      if (options.relay)
        shop.relay = new SimRelay(world, {
          ...(await seededIdentity(options.seed, RELAY_IDENTITY)),
          root: shop.root,
        });
    } catch (error) {
      shop.close();
      throw error;
    }
    return shop;
  }

  till(host: string): SimTill {
    const till = this.tills.find((t) => t.host === host);
    if (!till) throw new Error(`no till ${host} in this shop`);
    return till;
  }

  /** Starts a till (again) as an event of its own: its timers are its own. */
  start(till: SimTill, at = this.scheduler.now): void {
    this.scheduler.at(at, SIM_OWNER, () => {
      this.scheduler.revive(till.host);
      this.scheduler.at(this.scheduler.now, till.host, () => till.start());
    });
  }

  /** Failures the scheduler caught in the tills' own events, with those reported by the tills. */
  takeFailures(): Failure[] {
    const caught = this.scheduler.takeFailures().map((f) => ({ till: f.owner, error: f.error }));
    return [...this.failures.splice(0), ...caught];
  }

  /** Starts the relay, as an event of its own. */
  startRelay(at: number): void {
    const relay = this.relay;
    if (relay) this.scheduler.at(at, relay.host, () => relay.start());
  }

  close(): void {
    for (const till of [...this.tills, ...(this.relay ? [this.relay] : [])]) {
      try {
        till.stop();
      } catch {
        // a till that failed may not close cleanly; its files go anyway
      }
    }
    for (const undo of this.restore.splice(0).reverse()) undo();
    rmSync(this.root, { recursive: true, force: true });
  }

  private logger(host: string): Logger {
    const sink = this.options.logSink;
    return createLogger({
      component: `${SIM_OWNER}.${host}`,
      level: sink ? 'warn' : 'silent',
      ...(sink ? { sink } : {}),
    });
  }
}

/** lib0 (Yjs client ids, presence renewals) must draw from the run: else it was loaded too early. */
function assertDeterministic(environment: Random, scheduler: Scheduler): void {
  const expected = environment.clone().uint32();
  if (lib0Random.uint32() !== expected || lib0Time.getUnixTime() !== Math.floor(scheduler.now))
    throw new Error(
      'lib0 does not take its randomness and time from the simulation: import sim/setup.ts first',
    );
}
