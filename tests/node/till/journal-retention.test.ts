/**
 * Closed days leave a till's journal (and their closed document's updates)
 * once a relay the till trusts archived them and the keep period passed, or
 * without a relay after the unarchived period; oldest first, never on a
 * forged or short receipt; and `verify` still finds every chain intact from
 * where the dropped days ended, and a chain that does not follow from there.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeArchiveReceipt } from '../../../crdt/archive-receipts.ts';
import { TRANSFERS, TRANSFERS_DOC } from '../../../crdt/documents.ts';
import type { RecordSigner } from '../../../crdt/signing.ts';
import { heldRecords } from '../../../node/books/held-records.ts';
import { verifyBooks } from '../../../node/books/verify-books.ts';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import { LOCAL } from '../../../node/docs/origins.ts';
import { ed25519 } from '../../../node/signatures.ts';
import { openDatabase } from '../../../node/storage/database.ts';
import { JournalDays } from '../../../node/storage/journal-days.ts';
import { SqliteUpdateStore } from '../../../node/storage/sqlite-update-store.ts';
import { DAY_RECEIPT_KEEP_MS } from '../../../node/till/journal-retention.ts';
import { DATABASE_FILE } from '../../../node/till/till.ts';
import type { SyncedTill } from '../../helpers/mesh.ts';
import { closeAll, link, syncedTill } from '../../helpers/mesh.ts';
import { testSigner } from '../../helpers/signing.ts';
import { cashier, manager } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const product = demoProducts()[2]!;
const DAY_MS = 24 * 60 * 60 * 1000;
let tills: SyncedTill[] = [];
afterEach(() => {
  closeAll(...tills);
  tills = [];
});

/** Opens a day, sells `sales` times, puts `cashIn` in the drawer and closes it; returns the day's document name. */
function sellDay(t: SyncedTill, sales: number, cashIn = 0): string {
  const day = t.till.days.openDay(manager, 0);
  for (let i = 0; i < sales; i++) {
    const cart = t.till.sales.createCart(cashier);
    t.till.sales.applyOp(cashier, cart.id, {
      type: 'addBarcode',
      barcode: product.barcodes[0]!,
      qty: 1,
    });
    t.till.sales.pay(cashier, cart.id, [{ method: 'card', amount: product.price }]);
  }
  if (cashIn) t.till.days.cashMove(manager, cashIn, 'change for the drawer');
  t.till.days.closeDay(
    manager,
    { cash: cashIn, card: product.price * sales },
    { carryOver: false },
  );
  return day.name;
}

/** The till's books as `posmesh verify` reads them, with or without the anchors. */
function verify(t: SyncedTill, withAnchors = true) {
  const db = openDatabase(join(t.till.config.dataDir, DATABASE_FILE));
  try {
    const anchors = withAnchors ? new JournalDays(db).anchors() : new Map();
    return verifyBooks(heldRecords(db, new SqliteUpdateStore(db)), ed25519, undefined, anchors);
  } finally {
    db.close();
  }
}

function journalRows(t: SyncedTill, table: string): number {
  const db = openDatabase(join(t.till.config.dataDir, DATABASE_FILE));
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const closedBytes = (t: SyncedTill, name: string) =>
  t.till.ctx.store.listDocs('closed').find((d) => d.name === name)?.bytes;

function receipt(t: SyncedTill, by: RecordSigner, id: string, events: number, at = Date.now()) {
  const doc = t.till.ctx.docs.open(TRANSFERS_DOC);
  t.till.ctx.docs.transact(() =>
    doc.transact(
      () => writeArchiveReceipt(doc, { id, events, at: new Date(at).toISOString() }, by),
      LOCAL,
    ),
  );
}

const relayAddress = (relay: RecordSigner) => `/ip4/127.0.0.1/tcp/7399/p2p/${relay.peerId}`;

describe('closed days leaving the journal', () => {
  it('without a relay: after the unarchived period, oldest first; verify resumes at the anchor', async () => {
    const a = await syncedTill('A', { journal: { keepArchivedDays: 0, keepUnarchivedDays: 30 } });
    tills = [a];
    const first = sellDay(a, 3, 500);
    const second = sellDay(a, 2);
    expect(a.till.ctx.journal.counts()).toEqual({ orders: 5, days: 2 });
    expect(journalRows(a, 'journal_cash_moves')).toBe(1);
    expect(a.till.journalRetention.sweep(Date.now() + 29 * DAY_MS)).toEqual([]);
    expect(a.till.journalRetention.sweep(Date.now() + 31 * DAY_MS)).toEqual([first, second]);
    expect(a.till.ctx.journal.counts()).toEqual({ orders: 0, days: 0 });
    expect(journalRows(a, 'journal_cash_moves')).toBe(0);
    expect(journalRows(a, 'journal_lines')).toBe(0);
    expect(closedBytes(a, first)).toBe(0);
    expect(a.till.ctx.docs.isClosed(first)).toBe(true);

    sellDay(a, 1);
    const books = verify(a);
    expect(books.ok).toBe(true);
    expect(books.tills[0]).toMatchObject({ records: 1, firstSeq: 6, lastSeq: 6 });
    expect(books.tills[0]!.running).toBe(product.price * 6);
    // without the anchor the dropped records would read as deleted
    expect(verify(a, false).tills[0]!.problems.map((p) => p.kind)).toEqual(['missing']);
    // a chain that does not follow where the dropped days ended was rewritten
    const db = openDatabase(join(a.till.config.dataDir, DATABASE_FILE));
    db.prepare(`UPDATE journal_anchors SET hash = 'rewritten'`).run();
    db.close();
    expect(verify(a).tills[0]!.problems.map((p) => p.kind)).toEqual(['broken-link']);
  });

  it('with a relay: only on its own receipt for the whole day; peers drop their copies; nothing comes back', async () => {
    const relay = testSigner();
    const stranger = testSigner();
    const withRelay = {
      mesh: { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, relays: [relayAddress(relay)] },
      journal: { keepArchivedDays: 0, keepUnarchivedDays: 3650 },
    };
    const a = await syncedTill('A', withRelay);
    const b = await syncedTill('B', withRelay);
    const c = await syncedTill('C'); // trusts no relay: keeps everything
    tills = [a, b, c];
    link(a, b);
    const cutAC = link(a, c);
    await waitFor(() => b.till.settings().tills.length === 3, { what: 'three tills known' });
    const day = sellDay(a, 2);
    await waitFor(() => b.till.ctx.journal.counts().orders === 2, {
      what: "A's day journaled on B",
    });
    await waitFor(() => c.till.ctx.journal.counts().orders === 2, {
      what: "A's day journaled on C",
    });

    receipt(a, stranger, day, 2);
    expect(a.till.journalRetention.sweep()).toEqual([]); // a key no config names
    receipt(a, relay, day, 1);
    expect(a.till.journalRetention.sweep()).toEqual([]); // covers less than the day holds
    receipt(a, relay, day, 2);
    expect(a.till.journalRetention.sweep()).toEqual([day]);
    await waitFor(() => b.till.journalRetention.sweep().length === 1, { what: 'dropped on B' });
    expect(b.till.ctx.journal.counts()).toEqual({ orders: 0, days: 0 });
    expect(c.till.journalRetention.sweep()).toEqual([]);
    expect(c.till.ctx.journal.counts().orders).toBe(2);

    // the receipt waits a day for the tills that were away, then A clears it
    const archived = () => a.till.ctx.docs.open(TRANSFERS_DOC).getMap(TRANSFERS.archived);
    expect(archived().has(day)).toBe(true);
    a.till.journalRetention.sweep(Date.now() + DAY_RECEIPT_KEEP_MS + 1000);
    expect(archived().has(day)).toBe(false);

    // C still offers the day in its hello: A does not take it back
    cutAC();
    link(a, c);
    await new Promise((r) => setTimeout(r, 300));
    expect(closedBytes(a, day)).toBe(0);
    expect(a.till.ctx.journal.counts().orders).toBe(0);
    expect(verify(a).ok).toBe(true);
  });
});
