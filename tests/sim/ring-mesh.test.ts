/**
 * The whole simulation on a mesh past the full-mesh size: 20 tills on ring
 * neighbours (and the relay), where every sale reaches most tills by HAVE and
 * a request, under the same faults, crashes and forgeries as the small
 * shops. Every invariant holds, and updates were announced, not only sent.
 */
import '../../sim/setup.ts';
import { describe, expect, it } from 'vitest';
import { runSeed } from '../../sim/run.ts';

describe('the simulation on 20 tills', () => {
  it('holds every invariant on ring neighbours with lazy forwarding (seed 1)', async () => {
    const result = await runSeed(1, { plan: { tills: 20, relay: true } });
    expect(result.violations).toEqual([]);
    expect(result.stats.haves).toBeGreaterThan(0);
    expect(result.stats.paid).toBeGreaterThan(100);
    expect(result.coverage.crashes).toBeGreaterThan(0);
  }, 300_000);
});
