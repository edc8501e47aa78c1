/**
 * A hostile till forging records in the simulated shop: every kind of forgery
 * is made, none is counted by any till, and the check itself sees a forged
 * order that a till would count.
 */
import '../../sim/setup.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { forgeryProblems } from '../../sim/check/forgeries.ts';
import type { HeldOrder } from '../../sim/check/held-orders.ts';
import { runSeed } from '../../sim/run.ts';
import type { TestTill } from '../helpers/till.ts';
import { openTestTill } from '../helpers/till.ts';

let opened: TestTill | undefined;
afterEach(() => opened?.cleanup());

describe('forged records in the simulation', () => {
  it('are made of every kind and counted by no till', async () => {
    const result = await runSeed(7, { plan: { tills: 3, segments: 2, forgeriesPerMinute: 30 } });
    expect(result.violations).toEqual([]);
    const forged = result.trace.filter(
      (t) => t.kind === 'forge' && /^(forged|overwrote)/.test(t.text),
    );
    for (const kind of ['foreign', 'tampered', 'spoofed', 'cash', 'transfer', 'overwrote'])
      expect(forged.some((t) => t.text.includes(kind))).toBe(true);
    expect(result.coverage.forgeries).toBeGreaterThan(10);
  }, 120_000);

  it('would see a forged order that a till counts', async () => {
    opened = await openTestTill();
    const order = { id: 'o-1', number: 'X-1', totals: { total: 5 } } as HeldOrder['order'];
    const held = new Map<string, HeldOrder>([['o-1', { order, doc: 'orders/X/20260302' }]]);
    const forgery = {
      kind: 'foreign',
      doc: 'orders/X/20260302',
      map: 'orders',
      key: 'o-1',
    } as const;
    expect(forgeryProblems(opened.till, held, [forgery])).toHaveLength(1);
    expect(forgeryProblems(opened.till, new Map(), [forgery])).toEqual([]);
  });
});
