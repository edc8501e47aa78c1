/**
 * The whole simulation on a mesh past the full-mesh size: 20 tills on ring
 * neighbours (and the relay), where every sale reaches most tills by HAVE and
 * a request, under the same faults, crashes and forgeries as the small
 * shops. Every invariant holds, and updates were announced, not only sent.
 * Seed 105 partitions the shop so that one till's ring neighbours are all on
 * the other side: it failed while the simulated mDNS still listed tills out
 * of reach (a ring over every till, most of them unreachable).
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

  it('joins the tills on one side of a partition whose ring neighbours are across it (seed 105)', async () => {
    // each till dials the ring neighbours among the tills it hears on its side
    const result = await runSeed(105, { plan: { tills: 20 } });
    expect(result.violations).toEqual([]);
  }, 300_000);
});
