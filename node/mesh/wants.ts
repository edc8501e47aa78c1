/**
 * The receiving side of lazy forwarding. A till that passes on a peer's update
 * (a ring-neighbour mesh, a relay) announces it with a HAVE (the clocks it
 * reaches) instead of sending it whole, since most of its peers got it already
 * by another path. A till that lacks what a HAVE names asks that peer for a
 * diff (SyncStep1, answered by SyncStep2) and waits; more HAVEs for the same
 * are noted, not asked. If no answer brings it within WANT_RETRY_MS, or the
 * asked peer goes away, the next peer that announced it is asked; when none is
 * left, the answers still under way or anti-entropy bring it.
 */
import type { Reach } from './reach.ts';
import { reachesPast, widen } from './reach.ts';

/**
 * Many LAN round trips and a busy till's answer, but well under TCP's 200 ms
 * resend of a lost packet: an answer held up that way is asked of another.
 */
export const WANT_RETRY_MS = 25;

export interface WantsHost {
  /** Whether this till holds every change `reach` names in `doc`. */
  holds(doc: string, reach: Reach): boolean;
  /** Asks `peer` for what this till lacks of `doc`; false if no session with it is open. */
  ask(peer: string, doc: string): boolean;
}

interface Want {
  reach: Reach;
  asked: string;
  /** Peers that announced it too, asked next. */
  others: string[];
  timer: ReturnType<typeof setTimeout>;
}

export class Wants {
  private readonly wants = new Map<string, Want>();

  constructor(
    private readonly host: WantsHost,
    private readonly retryMs = WANT_RETRY_MS,
  ) {}

  /** `peer` announced that it holds `reach` of `doc`. */
  announced(peer: string, doc: string, reach: Reach): void {
    if (this.host.holds(doc, reach)) return;
    const want = this.wants.get(doc);
    if (want && reachesPast(want.reach, reach)) {
      if (want.asked !== peer && !want.others.includes(peer)) want.others.push(peer);
      return;
    }
    const others = (want ? [want.asked, ...want.others] : []).filter((p) => p !== peer);
    this.ask(doc, widen(new Map(want?.reach), reach), [peer, ...others]);
  }

  /** A peer's update landed in `doc`: the want it satisfied is done. */
  received(doc: string): void {
    const want = this.wants.get(doc);
    if (want && this.host.holds(doc, want.reach)) this.drop(doc);
  }

  /** `peer`'s session closed: what was asked of it is asked of the next announcer now. */
  peerGone(peer: string): void {
    for (const [doc, want] of [...this.wants]) if (want.asked === peer) this.retry(doc);
  }

  stop(): void {
    for (const doc of [...this.wants.keys()]) this.drop(doc);
  }

  private ask(doc: string, reach: Reach, candidates: string[]): void {
    this.drop(doc);
    const at = candidates.findIndex((peer) => this.host.ask(peer, doc));
    if (at < 0) return; // nobody left to ask: anti-entropy repairs it
    const timer = setTimeout(() => this.retry(doc), this.retryMs);
    timer.unref?.();
    this.wants.set(doc, { reach, asked: candidates[at]!, others: candidates.slice(at + 1), timer });
  }

  private retry(doc: string): void {
    const want = this.wants.get(doc);
    if (!want) return;
    if (this.host.holds(doc, want.reach)) return this.drop(doc);
    this.ask(doc, want.reach, want.others);
  }

  private drop(doc: string): void {
    const want = this.wants.get(doc);
    if (!want) return;
    clearTimeout(want.timer);
    this.wants.delete(doc);
  }
}
