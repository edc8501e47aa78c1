/**
 * The shop's simulated LAN: which tills can reach which (partitions made and
 * healed, machines down), dials that succeed after a handshake or fail after a
 * time-out, and the links between tills. A dropped packet is a retransmission
 * inside a link (lan-model.ts); a link that fails is cut, and both ends notice
 * it as they would a dead TCP connection, because the PeerChannel contract is
 * ordered and reliable: a frame silently lost inside a live stream cannot
 * happen over TCP, and the sync engine is entitled to rely on that.
 */
import type { Random } from '../env/random.ts';
import type { Scheduler } from '../env/scheduler.ts';
import type { LanModel } from './lan-model.ts';
import { Direction, drawBetween, drawLatency, LAN, Nic } from './lan-model.ts';
import type { LinkContext, NetHost, SimChannel } from './sim-channel.ts';
import { emptyTraffic, SimLink } from './sim-channel.ts';

export interface NetworkOptions {
  model?: LanModel;
  /** Chance a frame is delivered twice: beyond TCP's contract, but Yjs updates are idempotent. */
  duplicateChance?: number;
}

/** Now and then a frame twice, to show the sync engine does not care. */
export const DEFAULT_DUPLICATE_CHANCE = 0.002;

/** A till that takes streams dialled to it. */
export interface Listener extends NetHost {
  accept(channel: SimChannel): void;
}

export class Network {
  readonly traffic = emptyTraffic();
  /** Links opened so far. */
  links = 0;
  private readonly open = new Set<SimLink>();
  private readonly down = new Set<string>();
  private readonly nics = new Map<string, Nic>();
  /** Group of each till while partitioned; tills in different groups cannot talk. */
  private groups: Map<string, number> | null = null;
  private readonly ctx: LinkContext;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly random: Random,
    options: NetworkOptions = {},
  ) {
    this.ctx = {
      scheduler,
      random,
      model: options.model ?? LAN,
      duplicateChance: options.duplicateChance ?? DEFAULT_DUPLICATE_CHANCE,
      stats: this.traffic,
    };
  }

  reachable(a: string, b: string): boolean {
    return !this.down.has(a) && !this.down.has(b) && this.sameSegment(a, b);
  }

  /** No partition between the two machines (whether their tills run or not). */
  private sameSegment(a: string, b: string): boolean {
    return !this.groups || this.groups.get(a) === this.groups.get(b);
  }

  /** Opens a stream from `from` to `to`: both ends get a channel, or the dial fails. */
  dial(from: NetHost, to: Listener): Promise<SimChannel> {
    const { model } = this.ctx;
    const refused = this.down.has(to.host) && this.sameSegment(from.host, to.host);
    const after = this.reachable(from.host, to.host)
      ? drawBetween(model.handshakeMs, this.random)
      : refused
        ? drawLatency(model, this.random) * 2 // a machine up, its till down: refused at once
        : model.dialTimeoutMs;
    return new Promise((resolve, reject) => {
      this.scheduler.after(after, from.host, () => {
        if (!this.reachable(from.host, to.host))
          return reject(new Error(`${to.host} did not answer ${from.host}`));
        const link = this.link(from, to);
        this.scheduler.at(this.scheduler.now, to.host, () => to.accept(link.channels[1]));
        resolve(link.channels[0]);
      });
    });
  }

  /** Tills in different groups stop reaching each other; the links between them are cut. */
  partition(groups: string[][]): void {
    this.groups = new Map(groups.flatMap((g, i) => g.map((host) => [host, i] as const)));
    this.cutWhere((link) => !this.reachable(link.hosts[0].host, link.hosts[1].host), 'partition');
  }

  heal(): void {
    this.groups = null;
  }

  /** One link fails (a cable, a switch port): cut, noticed at both ends. */
  cutBetween(a: string, b: string): void {
    this.cutWhere(
      (l) => [a, b].includes(l.hosts[0].host) && [a, b].includes(l.hosts[1].host),
      'cut',
    );
  }

  /** A till's process is gone: its links die; its peers notice after their heartbeat. */
  hostDown(host: string): void {
    this.down.add(host);
    this.cutWhere((l) => l.hosts.some((h) => h.host === host), 'peer died', host);
  }

  hostUp(host: string): void {
    this.down.delete(host);
  }

  /** Open links per till (each counts at both ends). */
  linksOf(host: string): number {
    return [...this.open].filter((l) => l.alive && l.hosts.some((h) => h.host === host)).length;
  }

  private link(from: NetHost, to: NetHost): SimLink {
    for (const old of this.open) if (!old.alive) this.open.delete(old);
    const latency = drawLatency(this.ctx.model, this.random);
    const link = new SimLink(
      this.ctx,
      [from, to],
      from.peerId,
      [
        new Direction(this.ctx.model, latency, this.nic(from.host), this.nic(to.host)),
        new Direction(this.ctx.model, latency, this.nic(to.host), this.nic(from.host)),
      ],
      latency,
    );
    this.open.add(link);
    this.links++;
    return link;
  }

  private nic(host: string): Nic {
    let nic = this.nics.get(host);
    if (!nic) this.nics.set(host, (nic = new Nic()));
    return nic;
  }

  private cutWhere(match: (link: SimLink) => boolean, reason: string, dead?: string): void {
    for (const link of [...this.open]) {
      if (!link.alive) {
        this.open.delete(link);
        continue;
      }
      if (!match(link)) continue;
      this.open.delete(link);
      link.cut(reason, (side) =>
        link.hosts[side].host === dead
          ? null
          : drawBetween(this.ctx.model.cutNoticedMs, this.random),
      );
    }
  }
}
