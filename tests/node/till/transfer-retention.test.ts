/**
 * Finished transfers leave the live transfers document, on every till, once
 * archived by a relay the sender trusts or after the retention period without
 * one; never on a forged or stale receipt, never a conflict; and after a
 * simulated year the document holds about a week of transfers, not a year.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { writeArchiveReceipt } from '../../../crdt/archive-receipts.ts';
import { TRANSFERS, TRANSFERS_DOC } from '../../../crdt/documents.ts';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import { LOCAL } from '../../../node/docs/origins.ts';
import { ed25519 } from '../../../node/signatures.ts';
import { TRANSFER_RETENTION_MS, TransferRetention } from '../../../node/till/transfer-retention.ts';
import type { SyncedTill } from '../../helpers/mesh.ts';
import { closeAll, link, syncedTill } from '../../helpers/mesh.ts';
import { testSigner } from '../../helpers/signing.ts';
import { cashier } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const product = demoProducts()[3]!;
const DAY_MS = 24 * 60 * 60 * 1000;
let tills: SyncedTill[] = [];
afterEach(() => {
  closeAll(...tills);
  tills = [];
});

async function twoTills() {
  tills = [await syncedTill('A'), await syncedTill('B')];
  const [a, b] = tills as [SyncedTill, SyncedTill];
  link(a, b);
  for (const t of tills) t.till.days.openDay(cashier, 0);
  await waitFor(
    () => a.till.settings().tills.length === 2 && b.till.settings().tills.length === 2,
    {
      what: 'both tills known',
    },
  );
  return { a, b };
}

/** A sends a cart to B, B takes it and pays: a done transfer. */
async function doneTransfer(a: SyncedTill, b: SyncedTill) {
  const cart = a.till.sales.createCart(cashier);
  a.till.sales.applyOp(cashier, cart.id, {
    type: 'addBarcode',
    barcode: product.barcodes[0]!,
    qty: 1,
  });
  const sent = a.till.transfers.send(cashier, cart.id, {
    mode: 'assigned',
    targets: ['B'] as never,
  });
  await waitFor(() => b.till.transfers.offered().some((t) => t.id === sent.id), {
    what: 'offered on B',
  });
  const claimed = b.till.transfers.claim(cashier, sent.id);
  b.till.sales.pay(cashier, claimed.id, [{ method: 'card', amount: product.price }]);
  await waitFor(() => a.till.transfers.get(sent.id).status === 'done', { what: 'done on A' });
  return sent.id;
}

const logsOf = (t: SyncedTill) => t.till.ctx.docs.open(TRANSFERS_DOC).getMap(TRANSFERS.transfers);
const held = (t: SyncedTill, id: string) => logsOf(t).has(id);

describe('finished transfers leaving the live document', () => {
  it('without a relay: after the retention period, on every till, and the guards leave it gone', async () => {
    const { a, b } = await twoTills();
    const id = await doneTransfer(a, b);
    expect(a.till.retention.sweep(Date.now() + TRANSFER_RETENTION_MS - DAY_MS)).toEqual([]);
    expect(b.till.retention.sweep(Date.now() + 2 * TRANSFER_RETENTION_MS)).toEqual([]); // not B's to remove
    expect(a.till.retention.sweep(Date.now() + TRANSFER_RETENTION_MS + 1000)).toEqual([id]);
    await waitFor(() => !held(b, id), { what: 'gone on B too' });
    await new Promise((r) => setTimeout(r, 100));
    expect(held(a, id)).toBe(false); // no guard wrote it back
    expect(held(b, id)).toBe(false);
    // what it made stays: B's order keeps its reference
    expect(b.till.sales.paidOrders('', 10).some((o) => o.transferRef === id)).toBe(true);
  });

  it('with a relay it trusts: as soon as the relay archived the whole log, and not on a forged or stale receipt', async () => {
    const { a, b } = await twoTills();
    const id = await doneTransfer(a, b);
    const relay = testSigner();
    const stranger = testSigner();
    const retention = new TransferRetention(
      a.till.ctx,
      () => a.till.transfers.all(),
      new Set([relay.peerId]),
      ed25519,
    );
    const doc = a.till.ctx.docs.open(TRANSFERS_DOC);
    const events = (logsOf(a).get(id) as Y.Array<unknown>).length;
    const receipt = (by: typeof relay, count: number) =>
      a.till.ctx.docs.transact(() =>
        doc.transact(
          () => writeArchiveReceipt(doc, { id, events: count, at: new Date().toISOString() }, by),
          LOCAL,
        ),
      );
    expect(retention.sweep(Date.now() + 10 * TRANSFER_RETENTION_MS)).toEqual([]); // no receipt: kept, however old
    receipt(stranger, events);
    expect(retention.sweep()).toEqual([]); // signed by a key this till does not trust
    receipt(relay, events - 1);
    expect(retention.sweep()).toEqual([]); // covers less than the log holds
    receipt(relay, events);
    expect(retention.sweep()).toEqual([id]);
    expect(doc.getMap(TRANSFERS.archived).has(id)).toBe(false);
  });

  it('stays small over a simulated year: what left the document leaves only tombstones', async () => {
    const { a, b } = await twoTills();
    const WEEKS = 52;
    const PER_WEEK = 4;
    const doc = a.till.ctx.docs.open(TRANSFERS_DOC);
    let largest = 0;
    let sent = 0;
    for (let week = 0; week < WEEKS; week++) {
      for (let i = 0; i < PER_WEEK; i++) {
        await doneTransfer(a, b);
        sent++;
      }
      largest = Math.max(largest, Y.encodeStateAsUpdate(doc).length);
      // the week's transfers are past the retention period a week on (the sweep's clock runs ahead)
      expect(a.till.retention.sweep(Date.now() + TRANSFER_RETENTION_MS + 1000)).toHaveLength(
        PER_WEEK,
      );
    }
    const bytes = Y.encodeStateAsUpdate(doc).length;
    // a week's worth of live transfers, as the largest the document got in a week
    const perTransfer = largest / PER_WEEK;
    expect(sent).toBe(WEEKS * PER_WEEK);
    expect(logsOf(a).size).toBe(0);
    expect(bytes).toBeLessThan((perTransfer * sent) / 10);
    console.info(
      `transfers doc after ${sent} transfers over ${WEEKS} weeks: ${bytes} B live (a year kept would be about ${Math.round(perTransfer * sent)} B)`,
    );
  }, 120_000);
});
