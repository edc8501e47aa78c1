/**
 * kill -9 in the middle of a burst of sales: every sale the API acknowledged
 * as paid must be on disk, in the documents and in the journal, after restart.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { TillCode } from '../../crdt/ids.ts';
import { DayView } from '../../crdt/day.ts';
import { parseDocName } from '../../crdt/documents.ts';
import { parseOrderNumber } from '../../crdt/order-number.ts';
import { demoProducts } from '../../node/demo/demo-catalogue.ts';
import { integrityCheck } from '../../node/storage/database.ts';
import { SqliteUpdateStore } from '../../node/storage/sqlite-update-store.ts';
import { loadOrCreateIdentity } from '../../node/identity.ts';
import { ed25519 } from '../../node/signatures.ts';
import { ApiClient, startDaemon, writeTillConfig } from '../helpers/daemon.ts';
import { tempDir } from '../helpers/till.ts';

const SALES = 1_000;
const WORKERS = 4;
const dir = tempDir();
afterAll(() => dir.remove());

interface Acked {
  id: string;
  number: string;
  total: number;
}

describe('crash safety', () => {
  it('keeps every acknowledged sale through kill -9 and restarts cleanly', async () => {
    const config = writeTillConfig(dir.path, { till: { code: 'K1', name: 'Crash till' } });
    const products = demoProducts();
    const killAt = 100 + Math.floor(Math.random() * 800);
    console.log(`crash test: kill -9 after ${killAt} acknowledged sales`);

    const first = await startDaemon(config);
    const bob = await new ApiClient(first.url).login('demo-bob', '0000');
    await bob.call('POST', '/api/day/open', { float: 0 });
    const acked: Acked[] = [];
    let started = 0;
    let killed = false;
    const worker = async () => {
      while (started < SALES && !killed) {
        const n = started++;
        try {
          const cart = await bob.call('POST', '/api/carts');
          const product = products[n % products.length]!;
          await bob.call('POST', `/api/carts/${cart.id}/lines`, {
            barcode: product.barcodes[0],
            qty: 1 + (n % 3),
          });
          const paid = await bob.call('POST', `/api/carts/${cart.id}/pay`, {
            payments: [{ method: 'cash', amount: product.price * (1 + (n % 3)) }],
          });
          acked.push({ id: paid.id, number: paid.number, total: paid.totals.total });
          if (acked.length === killAt && !killed) {
            killed = true;
            await first.kill9();
          }
        } catch (error) {
          if (!killed) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    expect(killed).toBe(true);
    expect(acked.length).toBeGreaterThanOrEqual(killAt);

    // the store opens cleanly and the till restarts
    const second = await startDaemon(config);
    const again = await new ApiClient(second.url).login('demo-bob', '0000');
    for (const sale of acked.slice(-20)) {
      const { order } = await again.call('GET', `/api/orders/${sale.id}`);
      expect(order).toMatchObject({ status: 'paid', number: sale.number });
    }
    // numbering continues without reuse
    const cart = await again.call('POST', '/api/carts');
    await again.call('POST', `/api/carts/${cart.id}/lines`, { barcode: products[0]!.barcodes[0] });
    const next = await again.call('POST', `/api/carts/${cart.id}/pay`, {
      payments: [{ method: 'card', amount: products[0]!.price }],
    });
    const maxSeq = Math.max(...acked.map((a) => parseOrderNumber(a.number)!.seq));
    expect(parseOrderNumber(next.number)!.seq).toBeGreaterThan(maxSeq);
    expect(await second.stop()).toBe(0);

    // every acknowledged sale is in the documents and in the journal, and the two agree
    const { peerId } = await loadOrCreateIdentity(join(dir.path, 'data'));
    // read as the till reads its own days: what its key signed
    const ownKeyTrust = {
      ...ed25519,
      ownerOf: () => peerId,
      codeOf: (p: string) => (p === peerId ? ('K1' as TillCode) : undefined),
    };
    const db = new Database(join(dir.path, 'data/posmesh.db'));
    try {
      expect(integrityCheck(db)).toBe('ok');
      const store = new SqliteUpdateStore(db);
      const paidInDocs = new Map<string, string>();
      for (const entry of store.listDocs()) {
        if (parseDocName(entry.name)?.kind !== 'day') continue;
        const doc = new Y.Doc();
        const stored = store.load(entry.name);
        for (const u of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates)
          Y.applyUpdate(doc, u);
        for (const o of new DayView(doc, entry.name, () => {}, ownKeyTrust, peerId).orders())
          if (o.status === 'paid') paidInDocs.set(o.id, o.number!);
      }
      const journal = new Map(
        (
          db.prepare('SELECT id, number, total FROM journal_orders').all() as Array<{
            id: string;
            number: string;
            total: number;
          }>
        ).map((r) => [r.id, r]),
      );
      const missingInDocs = acked.filter((a) => paidInDocs.get(a.id) !== a.number);
      const missingInJournal = acked.filter(
        (a) => journal.get(a.id)?.number !== a.number || journal.get(a.id)?.total !== a.total,
      );
      expect(missingInDocs).toEqual([]);
      expect(missingInJournal).toEqual([]);
      expect([...paidInDocs.keys()].sort()).toEqual([...journal.keys()].sort());
      expect(new Set([...journal.values()].map((r) => r.number)).size).toBe(journal.size);
    } finally {
      db.close();
    }
  }, 180_000);
});
