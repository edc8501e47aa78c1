/**
 * Hybrid logical clock. A timestamp is a string that sorts lexicographically in
 * causal-then-wall-clock order: "<wall ms, 15 digits>:<counter, 6 digits>:<till>".
 * A till whose wall clock is wrong still orders its events after everything it
 * has seen; a peer clock far in the future is capped so it cannot drag the mesh.
 */
import { invalid } from './errors.ts';

export type Hlc = string & { readonly __hlc: true };

export const MAX_FORWARD_DRIFT_MS = 60 * 60 * 1000;
/** Six digits: a counter that would pass it moves on to the next millisecond instead. */
export const MAX_COUNTER = 999_999;

/** The stamp right after (wall, counter), in six counter digits. */
function successor(wall: number, counter: number): { wall: number; counter: number } {
  return counter >= MAX_COUNTER ? { wall: wall + 1, counter: 0 } : { wall, counter: counter + 1 };
}
const HLC_PATTERN = /^(\d{15}):(\d{6}):([A-Za-z0-9_-]{1,32})$/;

export interface HlcParts {
  wall: number;
  counter: number;
  node: string;
}

export function formatHlc({ wall, counter, node }: HlcParts): Hlc {
  return `${String(wall).padStart(15, '0')}:${String(counter).padStart(6, '0')}:${node}` as Hlc;
}

export function parseHlc(value: string): HlcParts {
  const match = HLC_PATTERN.exec(value);
  if (!match) throw invalid('INVALID_HLC', `"${value}" is not a hybrid logical timestamp`);
  return { wall: Number(match[1]), counter: Number(match[2]), node: match[3] ?? '' };
}

export const isHlc = (value: string): value is Hlc => HLC_PATTERN.test(value);

/** Milliseconds since the epoch of a timestamp, for display. */
export const hlcWall = (value: Hlc): number => parseHlc(value).wall;

export class HybridClock {
  private wall = 0;
  private counter = 0;
  private cappedCount = 0;

  constructor(
    readonly node: string,
    private readonly physical: () => number = () => Date.now(),
  ) {}

  now(): Hlc {
    const physical = this.physical();
    if (physical > this.wall) {
      this.wall = physical;
      this.counter = 0;
    } else {
      ({ wall: this.wall, counter: this.counter } = successor(this.wall, this.counter));
    }
    return formatHlc({ wall: this.wall, counter: this.counter, node: this.node });
  }

  /**
   * A timestamp after `floor`, whatever the drift cap: an event that answers
   * another (a confirmation, a payment of a claim) must sort after it, even when
   * the other till's clock is far ahead. Within the cap the clock follows, as on
   * observing it; beyond it only this stamp does, so one event from a till whose
   * clock is wrong cannot drag every later stamp of this till forward.
   */
  after(floor: Hlc): Hlc {
    this.observe(floor);
    const next = this.now();
    if (next > floor) return next;
    const seen = parseHlc(floor);
    return formatHlc({ ...successor(seen.wall, seen.counter), node: this.node });
  }

  /** Merge a timestamp seen in a record from elsewhere (a peer, the store). */
  observe(value: string): void {
    if (!isHlc(value)) return;
    const seen = parseHlc(value);
    const cap = this.physical() + MAX_FORWARD_DRIFT_MS;
    const wall = Math.min(seen.wall, cap);
    if (seen.wall > cap) this.cappedCount++;
    if (wall > this.wall) {
      this.wall = wall;
      this.counter = seen.wall > cap ? 0 : seen.counter;
    } else if (wall === this.wall && seen.counter > this.counter) {
      this.counter = seen.counter;
    }
  }

  /** How many stamps from elsewhere were ahead of this till's clock by more than the cap. */
  get capped(): number {
    return this.cappedCount;
  }
}
