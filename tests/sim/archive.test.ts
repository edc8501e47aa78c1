/**
 * A relay in the simulated shop archives the books: at the end of a run its
 * archive holds every order the tills count, day by day to the cent, signed and
 * chained; and the check sees an archive that lacks an order.
 */
import '../../sim/setup.ts';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteArchiveSink } from '../../node/archive/sqlite-archive-sink.ts';
import { relayTrust } from '../../node/relay/relay-files.ts';
import { archiveProblems } from '../../sim/check/archive.ts';
import type { HeldOrder } from '../../sim/check/held-orders.ts';
import { runSeed } from '../../sim/run.ts';
import type { SimRelay } from '../../sim/world/sim-relay.ts';
import { tempDir } from '../helpers/till.ts';

const dirs: Array<ReturnType<typeof tempDir>> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('the relay of a simulated shop', () => {
  it('archives every order the tills count, under partitions, crashes and forgeries', async () => {
    const result = await runSeed(3, { plan: { tills: 3, segments: 2, relay: true } });
    expect(result.violations).toEqual([]);
    expect(result.coverage.relays).toBe(1);
    expect(result.stats.archived).toBeGreaterThan(0);
  }, 120_000);

  it('would see an archive that lacks an order', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const sink = new SqliteArchiveSink(join(dir.path, 'archive.db'));
    await sink.start();
    const relay = { sink, trust: relayTrust(new Y.Doc(), () => {}) } as unknown as SimRelay;
    const order = { id: 'o-1', till: 'T1', businessDate: '20260302', totals: { total: 250 } };
    const held = new Map([['o-1', { order, doc: 'orders/T1/20260302' } as unknown as HeldOrder]]);
    expect(await archiveProblems(relay, held)).toEqual([
      'T1 20260302: the tills hold 1 orders, net 250; the archive 0, net 0',
    ]);
    await sink.stop();
  });
});
