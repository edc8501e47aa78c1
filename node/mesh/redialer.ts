/**
 * Keeps dialling known tills that are not connected, with exponential backoff
 * and jitter per target: libp2p's own reconnection gives up after a long cut,
 * a shop's LAN must heal by itself whenever the cable comes back.
 */
export const REDIAL_TICK_MS = 1_000;
export const FIRST_BACKOFF_MS = 500;
export const MAX_BACKOFF_MS = 15_000;
/** Handshakes cost CPU: a till coming back to a big mesh dials a few at a time. */
export const MAX_PARALLEL_DIALS = 6;

export interface DialTarget {
  /** Stable key: a peer id, or a static address. */
  key: string;
  /** Known peer id: no dial while it is connected. */
  peerId?: string;
  /** Dials; resolves to the peer id reached. */
  dial: () => Promise<string>;
}

interface TargetState {
  attempts: number;
  nextAt: number;
  inFlight: boolean;
  peerId?: string;
}

export class Redialer {
  private readonly state = new Map<string, TargetState>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;

  constructor(
    private readonly targets: () => DialTarget[],
    private readonly isConnected: (peerId: string) => boolean,
    private readonly onFailure: (target: string, error: Error, retryInMs: number) => void,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  start(intervalMs = REDIAL_TICK_MS): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  tick(): void {
    const now = this.now();
    const targets = this.targets();
    // forget targets that went away (an expired mDNS peer, a spoofed one)
    const keys = new Set(targets.map((t) => t.key));
    for (const [key, s] of this.state) if (!keys.has(key) && !s.inFlight) this.state.delete(key);
    for (const target of targets) {
      const s = this.state.get(target.key) ?? {
        attempts: 0,
        nextAt: 0,
        inFlight: false,
        peerId: target.peerId,
      };
      this.state.set(target.key, s);
      const peerId = target.peerId ?? s.peerId;
      if (peerId && this.isConnected(peerId)) {
        s.attempts = 0;
        s.nextAt = 0;
        continue;
      }
      if (s.inFlight || now < s.nextAt || this.inFlight >= MAX_PARALLEL_DIALS) continue;
      s.inFlight = true;
      this.inFlight++;
      target.dial().then(
        (reached) => {
          s.inFlight = false;
          this.inFlight--;
          s.peerId = reached;
          s.attempts = 0;
          s.nextAt = 0;
        },
        (error: Error) => {
          s.inFlight = false;
          this.inFlight--;
          s.attempts += 1;
          const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (s.attempts - 1));
          const delay = Math.round(backoff * (0.8 + 0.4 * this.random()));
          s.nextAt = this.now() + delay;
          this.onFailure(target.key, error, delay);
        },
      );
    }
  }
}
