/** Presence between tills: who is online, and how far each till's clock is from this one's. */
import { describe, expect, it } from 'vitest';
import { Presence } from '../../../node/mesh/presence.ts';

const till = (code: string, time?: number) => ({
  till: code,
  name: code,
  peerId: `peer-${code}`,
  staff: [],
  ...(time === undefined ? {} : { time }),
});

describe('presence', () => {
  it("tells how far a peer's clock is from this till's, from what it says its clock is", () => {
    const here = new Presence(till('A'));
    const ahead = new Presence(till('B', Date.now() + 3_600_000)); // an hour ahead
    here.apply(ahead.fullState(), 'peer-B');
    expect(here.clockOffset('peer-B')).toBeGreaterThan(3_590_000);
    expect(here.clockOffset('peer-B')).toBeLessThan(3_610_000);
    const behind = new Presence(till('C', Date.now() - 120_000));
    here.apply(behind.fullState(), 'peer-C');
    expect(Math.round(here.clockOffset('peer-C')! / 1000)).toBe(-120);
    expect(here.clockOffset('peer-X')).toBeNull();
    // a till that says nothing of its clock is not guessed at
    const silent = new Presence(till('D'));
    here.apply(silent.fullState(), 'peer-D');
    expect(here.clockOffset('peer-D')).toBeNull();
    expect(
      here
        .online()
        .map((p) => p.till)
        .sort(),
    ).toEqual(['A', 'B', 'C', 'D']);
    for (const p of [here, ahead, behind, silent]) p.destroy();
  });
});
