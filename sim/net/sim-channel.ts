/**
 * A simulated sync stream between two tills: the PeerChannel contract
 * (ordered, reliable, whole frames, back-pressure, one close) over simulated
 * time. Each frame is delivered as an event of the receiving till after the
 * LAN model's delay; a direction with too many bytes in flight asks its sender
 * to wait and tells it when it drained.
 */
import type { PeerChannel } from '../../node/mesh/peer-channel.ts';
import type { Random } from '../env/random.ts';
import type { Scheduler } from '../env/scheduler.ts';
import type { FrameKind } from './frame-kind.ts';
import { FRAME_KINDS, frameKind } from './frame-kind.ts';
import type { Direction, LanModel } from './lan-model.ts';

/** A machine as the network sees it: its host name (which owns its events in the scheduler) and its peer id. */
export interface NetHost {
  readonly host: string;
  readonly peerId: string;
}

export interface LinkContext {
  scheduler: Scheduler;
  random: Random;
  model: LanModel;
  /** Chance that a delivered frame arrives twice (beyond the contract: Yjs updates are idempotent). */
  duplicateChance: number;
  stats: TrafficStats;
}

/** Frames and bytes sent, in all and by kind. */
export interface TrafficStats {
  frames: number;
  bytes: number;
  byKind: Record<FrameKind, { frames: number; bytes: number }>;
}

export function emptyTraffic(): TrafficStats {
  const byKind = Object.fromEntries(FRAME_KINDS.map((k) => [k, { frames: 0, bytes: 0 }]));
  return { frames: 0, bytes: 0, byKind: byKind as TrafficStats['byKind'] };
}

export class SimChannel implements PeerChannel {
  closed = false;
  private readonly frameListeners: Array<(frame: Uint8Array) => void> = [];
  private readonly drainListeners: Array<() => void> = [];
  private readonly closeListeners: Array<(reason: string) => void> = [];

  constructor(
    readonly peer: string,
    readonly openedBy: string,
    private readonly link: SimLink,
    private readonly side: 0 | 1,
  ) {}

  send(frame: Uint8Array): boolean {
    if (this.closed) return false;
    return this.link.transmit(this.side, frame);
  }
  onFrame(listener: (frame: Uint8Array) => void): void {
    this.frameListeners.push(listener);
  }
  onDrain(listener: () => void): void {
    this.drainListeners.push(listener);
  }
  onClose(listener: (reason: string) => void): void {
    this.closeListeners.push(listener);
  }
  close(reason: string): void {
    this.link.close(this.side, reason);
  }

  deliver(frame: Uint8Array): void {
    if (!this.closed) for (const l of this.frameListeners) l(frame);
  }
  drained(): void {
    if (!this.closed) for (const l of this.drainListeners) l();
  }
  /** Closes this end; `tell` false for a till whose process is gone (nobody hears it). */
  shut(reason: string, tell = true): void {
    if (this.closed) return;
    this.closed = true;
    if (tell) for (const l of this.closeListeners) l(reason);
  }
}

export class SimLink {
  readonly channels: [SimChannel, SimChannel];
  /** False once cut: nothing more is delivered either way. */
  alive = true;
  private readonly waiting: [boolean, boolean] = [false, false];

  constructor(
    private readonly ctx: LinkContext,
    readonly hosts: [NetHost, NetHost],
    openedBy: string,
    private readonly directions: [Direction, Direction],
    private readonly latencyMs: number,
  ) {
    this.channels = [
      new SimChannel(hosts[1].peerId, openedBy, this, 0),
      new SimChannel(hosts[0].peerId, openedBy, this, 1),
    ];
  }

  transmit(from: 0 | 1, frame: Uint8Array): boolean {
    const { scheduler, random, model, stats } = this.ctx;
    const to = from === 0 ? 1 : 0;
    const direction = this.directions[from];
    const bytes = frame.slice();
    const at = direction.arrival(scheduler.now, bytes.length, random);
    direction.inFlightBytes += bytes.length;
    stats.frames++;
    stats.bytes += bytes.length;
    const kind = stats.byKind[frameKind(bytes)];
    kind.frames++;
    kind.bytes += bytes.length;
    const copies = random.chance(this.ctx.duplicateChance) ? 2 : 1;
    scheduler.at(at, this.hosts[to].host, () => {
      direction.inFlightBytes -= bytes.length;
      if (!this.alive) return;
      for (let i = 0; i < copies; i++) this.channels[to].deliver(bytes);
      if (this.waiting[from] && direction.inFlightBytes <= model.windowBytes / 2) {
        this.waiting[from] = false;
        // the acknowledgement travels back before the sender may write again
        scheduler.after(this.latencyMs, this.hosts[from].host, () => this.channels[from].drained());
      }
    });
    if (direction.inFlightBytes <= model.windowBytes) return true;
    this.waiting[from] = true;
    return false;
  }

  /** An orderly close from one end: the other hears it once the frames before it arrived. */
  close(from: 0 | 1, reason: string): void {
    const to = from === 0 ? 1 : 0;
    this.channels[from].shut(reason);
    const { scheduler, random } = this.ctx;
    const at = this.directions[from].arrival(scheduler.now, 0, random);
    scheduler.at(at, this.hosts[to].host, () => {
      this.alive = false;
      this.channels[to].shut(`closed by peer: ${reason}`);
    });
  }

  /**
   * The wire is gone (a cable, a partition, a dead machine): nothing more
   * arrives, and each end that is still running notices after its own delay.
   */
  cut(reason: string, noticedMs: (side: 0 | 1) => number | null): void {
    this.alive = false;
    for (const side of [0, 1] as const) {
      const after = noticedMs(side);
      if (after === null) this.channels[side].shut(reason, false);
      else
        this.ctx.scheduler.after(after, this.hosts[side].host, () =>
          this.channels[side].shut(reason),
        );
    }
  }
}
