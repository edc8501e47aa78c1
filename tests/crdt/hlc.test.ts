import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HybridClock, MAX_FORWARD_DRIFT_MS, parseHlc } from '../../crdt/hlc.ts';

describe('hybrid logical clock', () => {
  it('is strictly increasing even when the wall clock stands still or goes back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5000, max: 5000 }), { minLength: 1, maxLength: 200 }),
        (steps) => {
          let wall = 1_700_000_000_000;
          const clock = new HybridClock('T1', () => (wall += steps.shift() ?? 0));
          let last = clock.now();
          for (let i = 0; i < 50; i++) {
            const next = clock.now();
            expect(next > last).toBe(true);
            last = next;
          }
        },
      ),
    );
  });

  it('orders its events after everything it has observed', () => {
    const behind = new HybridClock('A', () => 1_000);
    const seen = new HybridClock('B', () => 5_000).now();
    behind.observe(seen);
    const next = behind.now();
    expect(next > seen).toBe(true);
    expect(parseHlc(next).wall).toBe(5_000);
  });

  it('caps a peer clock that runs far ahead', () => {
    const clock = new HybridClock('A', () => 1_000_000);
    clock.observe(new HybridClock('B', () => 1_000_000 + 10 * MAX_FORWARD_DRIFT_MS).now());
    expect(parseHlc(clock.now()).wall).toBe(1_000_000 + MAX_FORWARD_DRIFT_MS);
  });

  it('ignores garbage', () => {
    const clock = new HybridClock('A', () => 42);
    clock.observe('not a clock');
    expect(parseHlc(clock.now())).toEqual({ wall: 42, counter: 0, node: 'A' });
  });
});

describe('hybrid clock, answering an event', () => {
  it('stamps after the event it answers, even beyond the drift cap, without being dragged there', () => {
    const behind = new HybridClock('B', () => 1_000);
    const farAhead = new HybridClock('A', () => 1_000 + 10 * MAX_FORWARD_DRIFT_MS).now();
    const answer = behind.after(farAhead);
    expect(answer > farAhead).toBe(true);
    // the next answer in that conversation still comes after it
    expect(behind.after(answer) > answer).toBe(true);
    // but the till's own clock stays within the cap: one far-ahead event does not move it
    expect(parseHlc(behind.now()).wall).toBeLessThanOrEqual(1_000 + MAX_FORWARD_DRIFT_MS);
  });

  it('follows an event within the cap, as observing it would', () => {
    const clock = new HybridClock('B', () => 1_000);
    const ahead = new HybridClock('A', () => 1_000 + 60_000).now();
    expect(clock.after(ahead) > ahead).toBe(true);
    expect(clock.now() > ahead).toBe(true);
  });
});

describe('hybrid clock, counter', () => {
  it('never grows past six digits: a million stamps in one millisecond move on to the next', () => {
    const clock = new HybridClock('A', () => 5_000);
    let last = clock.now();
    for (let i = 0; i < 1_000_010; i++) {
      const next = clock.now();
      if (!(next > last)) throw new Error(`${next} is not after ${last}`);
      last = next;
    }
    expect(parseHlc(last)).toMatchObject({ wall: 5_001, counter: 10 });
  });

  it('answers an event whose counter is at its end', () => {
    const clock = new HybridClock('B', () => 1_000);
    const full = '000000000002000:999999:A' as Parameters<HybridClock['after']>[0];
    const answer = clock.after(full);
    expect(answer > full).toBe(true);
    expect(parseHlc(answer)).toMatchObject({ wall: 2_001, counter: 0 });
    expect(parseHlc(clock.now())).toMatchObject({ wall: 2_001, counter: 1 });
  });
});
