/** The UpdateStore on SQLite: one row per Yjs update, a snapshot per document. */
import type { Db } from './database.ts';
import type {
  DocEntry,
  DocState,
  StoredDoc,
  TransactionOptions,
  UpdateStore,
} from './update-store.ts';
import { StorageFailedError } from './update-store.ts';
import { WalCheckpoints } from './wal-checkpoints.ts';

export class SqliteUpdateStore implements UpdateStore {
  private readonly stmts;
  /** Made once: better-sqlite3 builds four wrappers per `db.transaction()`, and a sale makes five. */
  private readonly inTransaction: <T>(fn: () => T) => T;
  private readonly checkpoints: WalCheckpoints;

  constructor(private readonly db: Db) {
    this.checkpoints = new WalCheckpoints(db);
    this.inTransaction = db.transaction((fn: () => unknown) => fn()) as <T>(fn: () => T) => T;
    this.stmts = {
      ensureDoc: db.prepare(`INSERT INTO docs (name) VALUES (?) ON CONFLICT DO NOTHING`),
      append: db.prepare(`INSERT INTO doc_updates (doc, data) VALUES (?, ?)`),
      snapshot: db.prepare(`SELECT data FROM doc_snapshots WHERE doc = ?`),
      updates: db.prepare(`SELECT id, data FROM doc_updates WHERE doc = ? ORDER BY id`),
      putSnapshot: db.prepare(
        `INSERT INTO doc_snapshots (doc, data, upto) VALUES (?, ?, ?)
         ON CONFLICT (doc) DO UPDATE SET data = excluded.data, upto = excluded.upto`,
      ),
      dropUpdates: db.prepare(`DELETE FROM doc_updates WHERE doc = ? AND id <= ?`),
      setState: db.prepare(`UPDATE docs SET state = ? WHERE name = ?`),
      state: db.prepare(`SELECT state FROM docs WHERE name = ?`),
      purgeUpdates: db.prepare(`DELETE FROM doc_updates WHERE doc = ?`),
      purgeSnapshot: db.prepare(`DELETE FROM doc_snapshots WHERE doc = ?`),
      list: db.prepare(
        `SELECT d.name, d.state,
                (SELECT count(*) FROM doc_updates u WHERE u.doc = d.name) AS updates,
                coalesce((SELECT sum(length(data)) FROM doc_updates u WHERE u.doc = d.name), 0)
                  + coalesce((SELECT length(data) FROM doc_snapshots s WHERE s.doc = d.name), 0) AS bytes
         FROM docs d WHERE (? IS NULL OR d.state = ?) ORDER BY d.name`,
      ),
    };
  }

  listDocs(state?: DocState): DocEntry[] {
    return this.stmts.list.all(state ?? null, state ?? null) as DocEntry[];
  }

  load(doc: string): StoredDoc {
    const snapshot = this.stmts.snapshot.get(doc) as { data: Buffer } | undefined;
    const rows = this.stmts.updates.all(doc) as Array<{ id: number; data: Buffer }>;
    return {
      snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
      updates: rows.map((row) => new Uint8Array(row.data)),
      lastId: rows.at(-1)?.id ?? 0,
    };
  }

  append(doc: string, update: Uint8Array): number {
    return this.write(`append to ${doc}`, () => {
      this.stmts.ensureDoc.run(doc);
      return Number(this.stmts.append.run(doc, update).lastInsertRowid);
    });
  }

  compact(doc: string, state: Uint8Array, uptoId: number): void {
    this.write(`compact ${doc}`, () =>
      this.inTransaction(() => {
        this.stmts.ensureDoc.run(doc);
        this.stmts.putSnapshot.run(doc, state, uptoId);
        this.stmts.dropUpdates.run(doc, uptoId);
      }),
    );
  }

  setState(doc: string, state: DocState): void {
    this.write(`mark ${doc} ${state}`, () => {
      this.stmts.ensureDoc.run(doc);
      this.stmts.setState.run(state, doc);
    });
  }

  purge(doc: string): void {
    const row = this.stmts.state.get(doc) as { state: DocState } | undefined;
    if (row?.state !== 'closed')
      throw new Error(`only a closed document is purged (${doc} is not)`);
    this.write(`purge ${doc}`, () =>
      this.inTransaction(() => {
        this.stmts.purgeUpdates.run(doc);
        this.stmts.purgeSnapshot.run(doc);
      }),
    );
  }

  transaction<T>(fn: () => T, options?: TransactionOptions): T {
    if (this.db.inTransaction) return this.inTransaction(fn);
    if (!options?.relaxed) {
      const result = this.inTransaction(fn);
      this.checkpoints.committed(true);
      return result;
    }
    // WAL with synchronous=NORMAL: written to the log, fsync'd with the next FULL commit
    this.db.pragma('synchronous = NORMAL');
    try {
      const result = this.inTransaction(fn);
      this.checkpoints.committed(false);
      return result;
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  close(): void {
    this.checkpoints.close();
    if (this.db.open) this.db.close();
  }

  private write<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw new StorageFailedError(`storage write failed (${what}): ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}
