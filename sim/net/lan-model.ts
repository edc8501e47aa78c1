/**
 * How long a frame takes from one till to another on a shop's LAN: a fixed
 * latency per link, a little jitter, the time to put the bytes on the wire
 * (the sender's and the receiver's, shared by all their streams), and
 * now and then a TCP retransmission (a lost packet, resent after the minimum
 * retransmission time-out), which holds back every later frame of that
 * direction too, as TCP's in-order delivery does.
 */
import type { Random } from '../env/random.ts';

export interface LanModel {
  /** One-way latency of a link, drawn once per link, in ms. */
  latencyMs: { min: number; max: number };
  /** Mean of the exponential jitter added to each frame, in ms. */
  jitterMeanMs: number;
  /** Link speed, in bytes per ms (100 Mbit/s is 12,500). */
  bytesPerMs: number;
  /** Chance that a frame's packet is lost and resent. */
  retransmitChance: number;
  /** Linux's minimum retransmission time-out, in ms. */
  retransmitMs: number;
  /** How long a till takes to notice a link cut without a FIN (heartbeat every 2 s), in ms. */
  cutNoticedMs: { min: number; max: number };
  /** A dial: TCP, Noise and Yamux handshakes on loopback took ~13 ms, in ms. */
  handshakeMs: { min: number; max: number };
  /** A dial that gets no answer fails after this, in ms. */
  dialTimeoutMs: number;
  /** Bytes a direction may hold in flight before `send` asks the sender to wait. */
  windowBytes: number;
}

export const LAN: LanModel = {
  latencyMs: { min: 0.15, max: 0.6 },
  jitterMeanMs: 0.1,
  bytesPerMs: 12_500,
  retransmitChance: 0.002,
  retransmitMs: 200,
  cutNoticedMs: { min: 1_000, max: 3_000 },
  handshakeMs: { min: 5, max: 20 },
  dialTimeoutMs: 6_000,
  windowBytes: 256 * 1024,
};

/** A till's network card on the switch: every stream it sends shares its uplink, every stream to it its downlink. */
export class Nic {
  txFreeAt = 0;
  rxFreeAt = 0;
}

/**
 * One direction of one link: the frame is serialised on the sender's uplink,
 * forwarded by the switch (store and forward) onto the receiver's downlink,
 * and never arrives before the frame sent before it on this stream.
 */
export class Direction {
  private lastArrival = 0;
  inFlightBytes = 0;

  constructor(
    private readonly model: LanModel,
    private readonly latencyMs: number,
    private readonly from: Nic,
    private readonly to: Nic,
  ) {}

  /** When a frame of `bytes` sent at `now` arrives. */
  arrival(now: number, bytes: number, random: Random): number {
    const wire = bytes / this.model.bytesPerMs;
    this.from.txFreeAt = Math.max(now, this.from.txFreeAt) + wire;
    const atSwitch = this.from.txFreeAt + this.latencyMs / 2;
    this.to.rxFreeAt = Math.max(atSwitch, this.to.rxFreeAt) + wire;
    const jitter = -Math.log(1 - random.next()) * this.model.jitterMeanMs;
    const resend = random.chance(this.model.retransmitChance) ? this.model.retransmitMs : 0;
    const at = Math.max(this.lastArrival, this.to.rxFreeAt + this.latencyMs / 2 + jitter + resend);
    this.lastArrival = at;
    return at;
  }
}

export function drawLatency(model: LanModel, random: Random): number {
  return model.latencyMs.min + random.next() * (model.latencyMs.max - model.latencyMs.min);
}

export function drawBetween(range: { min: number; max: number }, random: Random): number {
  return range.min + random.next() * (range.max - range.min);
}
