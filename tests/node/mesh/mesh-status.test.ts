/**
 * What the status page hears of a peer that went away: when it was last in
 * sync and what it has not got since, never "never synced, up to date".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import type { SyncedTill } from '../../helpers/mesh.ts';
import { closeAll, link, syncedTill } from '../../helpers/mesh.ts';
import { cashier } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

let tills: SyncedTill[] = [];
afterEach(() => {
  closeAll(...tills);
  tills = [];
});

function sell(t: SyncedTill) {
  const product = demoProducts()[0]!;
  const cart = t.till.sales.createCart(cashier);
  t.till.sales.applyOp(cashier, cart.id, { type: 'addBarcode', barcode: product.barcodes[0]! });
  return t.till.sales.pay(cashier, cart.id, [{ method: 'cash', amount: product.price }]);
}

const peerStatus = (of: SyncedTill, peer: SyncedTill) =>
  of.sync.status().find((s) => s.peer === peer.peerId);

describe('mesh status of a peer', () => {
  it('keeps when a peer that went away was last in sync, and what it lacks since', async () => {
    tills = [await syncedTill('A'), await syncedTill('B')];
    const [a, b] = tills as [SyncedTill, SyncedTill];
    const cut = link(a, b);
    a.till.days.openDay(cashier, 0);
    sell(a);
    const day = a.till.days.current()!.name;
    const synced = await waitFor(
      () => {
        const s = peerStatus(a, b);
        return s?.lastSyncAt && s.behind.length === 0 && b.till.ctx.docs.get(day) ? s : undefined;
      },
      { what: 'B in sync with A' },
    );
    expect(synced.connected).toBe(true);

    cut();
    sell(a);
    const away = peerStatus(a, b);
    expect(away).toMatchObject({ till: 'B', connected: false });
    expect(away!.lastSyncAt).not.toBeNull();
    expect(away!.lastSyncAt).toBeGreaterThanOrEqual(synced.lastSyncAt!);
    expect(away!.behind).toContain(day);

    // back again: the last sync time holds until the new session syncs, then moves on
    link(a, b);
    expect(peerStatus(a, b)!.lastSyncAt).not.toBeNull();
    await waitFor(() => peerStatus(a, b)?.behind.length === 0, { what: 'B caught up' });
    expect(peerStatus(a, b)!.connected).toBe(true);
  });
});
