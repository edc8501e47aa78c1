/**
 * The scale mode, small: 20 tills on ring neighbours against the same 20 in a
 * full mesh, on the simulated LAN. Every sale reaches every till in both; on
 * ring neighbours each till keeps at most 2·log2(N) links, the author sends a
 * sale whole only to its neighbours and the others hear of it by HAVE and
 * ask, so fewer update bytes cross the mesh than from an author that sends
 * it to all.
 */
import '../../sim/setup.ts';
import { describe, expect, it } from 'vitest';
import { measureScale } from '../../sim/scale/scale-run.ts';

const TILLS = 20;
const options = { seed: 1, sales: 20, windowMs: 3_000 };

describe(`the scale mode, ${TILLS} tills`, () => {
  it('carries every sale everywhere, on ring neighbours with fewer links and update bytes', async () => {
    const ring = await measureScale(TILLS, { ...options, fullMeshMax: 10 });
    const full = await measureScale(TILLS, { ...options, fullMeshMax: TILLS });
    expect([ring.topology, full.topology]).toEqual(['ring', 'full mesh']);
    for (const r of [ring, full]) {
      expect(r.latencyMs.missing).toBe(0);
      expect(r.latencyMs.samples).toBe(options.sales * (TILLS - 1));
    }
    expect(full.linksPerTill).toEqual({ min: TILLS - 1, max: TILLS - 1 });
    expect(ring.linksPerTill.max).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(TILLS)));
    expect(full.perSale.have.frames).toBe(0);
    expect(ring.perSale.have.frames).toBeGreaterThan(0);
    expect(ring.perSale.update.bytes).toBeLessThan(full.perSale.update.bytes / 2);
  }, 120_000);
});
