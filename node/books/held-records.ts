/** Every paid order a till's database holds, as signed: its journal, then its day documents. */
import * as Y from 'yjs';
import { DAY, parseDocName } from '../../crdt/documents.ts';
import type { Db } from '../storage/database.ts';
import { SalesJournal } from '../storage/journal.ts';
import type { UpdateStore } from '../storage/update-store.ts';
import type { HeldRecord } from './verify-books.ts';

export function* heldRecords(db: Db, store: UpdateStore): Generator<HeldRecord> {
  yield* new SalesJournal(db).signedOrders();
  for (const entry of store.listDocs()) {
    if (parseDocName(entry.name)?.kind !== 'day') continue;
    const doc = new Y.Doc();
    const stored = store.load(entry.name);
    for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
      try {
        Y.applyUpdate(doc, update);
      } catch {
        // an update that does not apply proves nothing either way; the rest is checked
      }
    }
    const orders = doc.getMap<unknown>(DAY.orders);
    for (const raw of orders.values()) yield { raw, doc: entry.name };
    doc.destroy();
  }
}
