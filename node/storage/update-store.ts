/**
 * Where Yjs updates live on disk. The core depends on this interface only; every
 * implementation runs the contract suite in tests/node/storage.
 *
 * Contract: `append` is durable when it returns. `transaction` groups appends
 * (and anything else the same backend writes) so they land together or not at
 * all. A document is `live` (loaded at start, synced) or `closed` (kept on disk
 * for the archive, never loaded again by this till).
 */
export type DocState = 'live' | 'closed';

export interface DocEntry {
  name: string;
  state: DocState;
  updates: number;
  bytes: number;
}

export interface StoredDoc {
  /** Merged state written by the last compaction, if any. */
  snapshot: Uint8Array | null;
  /** Updates appended since, oldest first. */
  updates: Uint8Array[];
  /** Id of the newest update; pass it to `compact`. */
  lastId: number;
}

export interface TransactionOptions {
  relaxed?: boolean;
}

export interface UpdateStore {
  listDocs(state?: DocState): DocEntry[];
  load(doc: string): StoredDoc;
  append(doc: string, update: Uint8Array): number;
  /** Replaces the snapshot and drops updates up to `uptoId`, which `state` includes. */
  compact(doc: string, state: Uint8Array, uptoId: number): void;
  setState(doc: string, state: DocState): void;
  /**
   * Empties a closed document: its updates and snapshot go, its name stays
   * closed, so no peer's hello brings it back (a journaled day past retention).
   */
  purge(doc: string): void;
  /**
   * `relaxed`: the commit does not wait for the disk. It survives the process
   * dying, not the machine losing power, until the next full commit, which
   * makes it durable too (the log is written in order). For edits that are not
   * yet business, such as an open cart's lines.
   */
  transaction<T>(fn: () => T, options?: TransactionOptions): T;
  close(): void;
}

export class StorageFailedError extends Error {
  override readonly name = 'StorageFailedError';
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
  }
}
