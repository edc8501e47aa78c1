/**
 * A shop as its relay holds it: the relay's DocHost on an SQLite update store
 * (as Relay.start opens it), the mesh's till registry in its settings document
 * (the Trust the relay's archiver reads with), and tills that each write their
 * own business day with a DayWriter, every record signed with the till's key.
 * A till's update is applied to the relay's copy of the day the way the mesh
 * sync applies a peer's, so it is stored and its listeners told before the
 * till's write returns.
 */
import { join } from 'node:path';
import * as Y from 'yjs';
import { DayWriter, openDayMeta } from '../crdt/day.ts';
import { dayDocName, SETTINGS_DOC } from '../crdt/documents.ts';
import { HybridClock } from '../crdt/hlc.ts';
import type { TillCode } from '../crdt/ids.ts';
import { TillRegistry, writeIdentity } from '../crdt/identities.ts';
import type { InvalidRecord } from '../crdt/records.ts';
import { DocHost } from '../node/docs/doc-host.ts';
import type { UpdateOrigin } from '../node/docs/origins.ts';
import { createLogger } from '../node/log.ts';
import { ed25519 } from '../node/signatures.ts';
import { openDatabase } from '../node/storage/database.ts';
import { SqliteUpdateStore } from '../node/storage/sqlite-update-store.ts';
import { alice } from '../tests/helpers/domain.ts';
import { testSigner } from '../tests/helpers/signing.ts';
import { BENCH_DATE, benchCatalogue, TillSeller } from './archive-sales.ts';

export interface BenchShop {
  docs: DocHost;
  trust: TillRegistry;
  tills: TillSeller[];
  /** Records the relay refused (bad signature, schema): must stay empty, or the bench measured nothing. */
  invalid: InvalidRecord[];
  /** `sales` more sales on every till, each till's in one update (a day caught up in one sync). */
  prefill(sales: number): void;
  close(): void;
}

export function openShop(dir: string, tillCount: number): BenchShop {
  const log = createLogger({ component: 'bench', level: 'silent' });
  const db = openDatabase(join(dir, 'relay.db'));
  const docs = new DocHost({
    store: new SqliteUpdateStore(db),
    log,
    onFatal: (error) => {
      throw error;
    },
  });
  const invalid: InvalidRecord[] = [];
  const settings = docs.open(SETTINGS_DOC);
  const trust = new TillRegistry(settings, ed25519, (r) => invalid.push(r));
  const catalogue = benchCatalogue();
  const tillDocs: Y.Doc[] = [];
  const tills = Array.from({ length: tillCount }, (_, i) => {
    const code = `T${String(i + 1).padStart(2, '0')}` as TillCode;
    const signer = testSigner();
    const clock = new HybridClock(code);
    writeIdentity(
      settings,
      {
        peerId: signer.peerId,
        code,
        name: `Till ${code}`,
        claimedAt: clock.now(),
        founder: i === 0,
      },
      signer,
    );
    const name = dayDocName({ till: code, businessDate: BENCH_DATE, session: 1 });
    const own = new Y.Doc();
    const relayCopy = docs.open(name);
    const fromPeer: UpdateOrigin = { source: 'peer', peer: signer.peerId };
    own.on('update', (update: Uint8Array) => Y.applyUpdate(relayCopy, update, fromPeer));
    const write = new DayWriter(own, name, signer);
    write.meta(
      openDayMeta({
        till: code,
        businessDate: BENCH_DATE,
        session: 1,
        currency: 'EUR',
        float: 0,
        at: clock.now(),
        by: alice,
      }),
    );
    tillDocs.push(own);
    return new TillSeller(code, catalogue, signer, write);
  });
  return {
    docs,
    trust,
    tills,
    invalid,
    prefill: (sales) => {
      for (const [i, till] of tills.entries())
        tillDocs[i]!.transact(() => {
          for (let s = 0; s < sales; s++) till.sell();
        });
    },
    close: () => {
      for (const doc of tillDocs) doc.destroy();
      docs.close();
      db.close();
    },
  };
}
