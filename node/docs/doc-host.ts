/**
 * Holds the live Yjs documents of a till and makes them durable: each update is
 * appended to the UpdateStore inside the transaction that made it (so it is on
 * disk before anyone is told), replayed at start, and compacted in the
 * background once enough updates pile up, when the document is quiet.
 */
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
// decoded records kept compact, in every document of this process
import './compact-records.ts';
import type { UpdateOrigin } from './origins.ts';
import { originOf, REPLAY } from './origins.ts';
import type { StoredDoc, TransactionOptions, UpdateStore } from '../storage/update-store.ts';

export const COMPACT_AFTER_UPDATES = 1_000;
/**
 * A compaction encodes the whole document and holds the event loop while it does (about
 * 100 ms for a day of 5,000 sales): it waits for the document to have no update for this
 * long (the cashier between two customers), not to land between two scans of a sale.
 */
export const COMPACT_WHEN_QUIET_MS = 1_000;
/** Updates weighing this many times the snapshot are compacted without waiting for quiet. */
export const COMPACT_AT_ONCE_RATIO = 4;

export type UpdateListener = (doc: string, update: Uint8Array, origin: UpdateOrigin) => void;

/** A peer's update is durable on that peer: its commit here need not wait for the disk. */
export const PEER_COPY: TransactionOptions = { relaxed: true };

interface Notification {
  doc: string;
  update: Uint8Array;
  origin: UpdateOrigin;
}

interface Hosted {
  doc: Y.Doc;
  lastId: number;
  sinceCompaction: number;
  /** Bytes appended since the last compaction, and the size that compaction wrote. */
  bytesSinceCompaction: number;
  snapshotBytes: number;
  compactionQueued: boolean;
  /** Waiting for the document to be quiet. */
  quiet: NodeJS.Timeout | undefined;
  /** Stored updates that could not be applied: never compact them away. */
  unreadable: number;
}

export interface DocHostOptions {
  store: UpdateStore;
  log: Logger;
  /** Called when an update could not be made durable: the till must stop. */
  onFatal: (error: unknown) => void;
  compactAfter?: number;
  compactWhenQuietMs?: number;
}

export class DocHost {
  private readonly docs = new Map<string, Hosted>();
  private readonly listeners = new Set<UpdateListener>();
  private readonly retireListeners = new Set<(doc: string) => void>();
  private readonly compactAfter: number;
  private readonly compactWhenQuietMs: number;
  private pending: Notification[] | null = null;
  private closed: Set<string> | undefined;

  constructor(private readonly options: DocHostOptions) {
    this.compactAfter = options.compactAfter ?? COMPACT_AFTER_UPDATES;
    this.compactWhenQuietMs = options.compactWhenQuietMs ?? COMPACT_WHEN_QUIET_MS;
  }

  /** Loads (or creates) a live document. */
  open(name: string): Y.Doc {
    const existing = this.docs.get(name);
    if (existing) return existing.doc;
    const { store, log } = this.options;
    const doc = new Y.Doc();
    const stored = store.load(name);
    let bad = 0;
    replay(doc, stored, (error) => {
      bad++;
      log.error('stored update could not be applied; skipped, and kept on disk (no compaction)', {
        doc: name,
        error,
      });
    });
    const hosted: Hosted = {
      doc,
      lastId: stored.lastId,
      sinceCompaction: stored.updates.length,
      bytesSinceCompaction: stored.updates.reduce((sum, u) => sum + u.length, 0),
      snapshotBytes: stored.snapshot?.length ?? 0,
      compactionQueued: false,
      quiet: undefined,
      unreadable: bad,
    };
    this.docs.set(name, hosted);
    doc.on('update', (update: Uint8Array, origin: unknown) =>
      this.persist(name, hosted, update, originOf(origin)),
    );
    if (stored.lastId === 0 && !stored.snapshot) store.setState(name, 'live');
    log.debug('document loaded', {
      doc: name,
      updates: stored.updates.length,
      snapshot: !!stored.snapshot,
      bad,
    });
    this.maybeCompact(name, hosted);
    return doc;
  }

  /** Closed here (retired): its final state is on disk, never loaded live again. */
  isClosed(name: string): boolean {
    return this.closedSet().has(name);
  }

  /** Every document this till closed. */
  closedNames(): string[] {
    return [...this.closedSet()];
  }

  private closedSet(): Set<string> {
    this.closed ??= new Set(this.options.store.listDocs('closed').map((d) => d.name));
    return this.closed;
  }

  /** A closed document read from disk, to answer a peer; the caller destroys it. */
  readClosed(name: string): Y.Doc | undefined {
    return this.isClosed(name) ? readStoredDoc(this.options.store, name) : undefined;
  }

  /**
   * A peer's update to a document closed here, given to `take` (which applies it, and
   * may write records back): everything it changed is stored with the closed document,
   * so closed copies converge like live ones, and what this till wrote goes to the
   * listeners (the peers). The document is loaded for this and unloaded again.
   */
  updateClosed(name: string, take: (doc: Y.Doc) => void): void {
    const doc = this.readClosed(name);
    if (!doc) return;
    const written: Notification[] = [];
    doc.on('update', (update: Uint8Array, origin: unknown) =>
      written.push({ doc: name, update, origin: originOf(origin) }),
    );
    try {
      take(doc);
    } finally {
      doc.destroy();
    }
    if (written.length === 0) return;
    const { store } = this.options;
    store.transaction(() => {
      for (const n of written) store.append(name, n.update);
    });
    for (const n of written) if (n.origin.source !== 'peer') this.notify(n);
  }

  get(name: string): Y.Doc | undefined {
    return this.docs.get(name)?.doc;
  }

  names(): string[] {
    return [...this.docs.keys()];
  }

  onUpdate(listener: UpdateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onRetire(listener: (doc: string) => void): () => void {
    this.retireListeners.add(listener);
    return () => this.retireListeners.delete(listener);
  }

  /** Compacts now: the snapshot replaces every update appended so far. */
  compact(name: string): void {
    const hosted = this.docs.get(name);
    if (!hosted) return;
    hosted.compactionQueued = false;
    clearTimeout(hosted.quiet);
    hosted.quiet = undefined;
    if (hosted.sinceCompaction === 0 || hosted.unreadable > 0) return;
    const state = Y.encodeStateAsUpdate(hosted.doc);
    this.options.store.compact(name, state, hosted.lastId);
    hosted.sinceCompaction = 0;
    hosted.bytesSinceCompaction = 0;
    hosted.snapshotBytes = state.length;
  }

  /** Takes a document out of the live set for good: compacted, marked closed, unloaded. */
  retire(name: string): void {
    this.compact(name);
    this.options.store.setState(name, 'closed');
    this.closed?.add(name);
    this.docs.get(name)?.doc.destroy();
    this.docs.delete(name);
    for (const listener of this.retireListeners) listener(name);
  }

  close(): void {
    for (const name of this.docs.keys()) {
      try {
        this.compact(name);
      } catch (error) {
        this.options.log.error('compaction at shutdown failed', { doc: name, error });
      }
    }
    for (const hosted of this.docs.values()) hosted.doc.destroy();
    this.docs.clear();
  }

  /**
   * Runs `fn` in one storage transaction: every document update it makes and
   * every other write of the same store commit together, and listeners (sync to
   * peers and the UI) hear of the updates only after the commit. If the commit
   * fails after a document changed in memory, memory and disk disagree: fatal.
   */
  transact<T>(fn: () => T, options?: TransactionOptions): T {
    if (this.pending) return fn();
    const pending: Notification[] = [];
    this.pending = pending;
    try {
      const result = this.options.store.transaction(fn, options);
      this.pending = null;
      for (const n of pending) this.notify(n);
      return result;
    } catch (error) {
      this.pending = null;
      if (pending.length > 0) this.options.onFatal(error);
      throw error;
    }
  }

  private persist(name: string, hosted: Hosted, update: Uint8Array, origin: UpdateOrigin): void {
    if (origin.source === 'replay') return;
    try {
      const { store } = this.options;
      // a peer's update is durable on the peer that wrote it, and comes back from it after a
      // power cut here: it need not wait for this disk (a local commit, or the next, fsyncs it)
      hosted.lastId =
        origin.source === 'peer' && !this.pending
          ? store.transaction(() => store.append(name, update), PEER_COPY)
          : store.append(name, update);
    } catch (error) {
      this.options.onFatal(error);
      throw error;
    }
    hosted.sinceCompaction++;
    hosted.bytesSinceCompaction += update.length;
    const notification: Notification = { doc: name, update, origin };
    if (this.pending) this.pending.push(notification);
    else this.notify(notification);
    this.maybeCompact(name, hosted);
  }

  private notify({ doc, update, origin }: Notification): void {
    for (const listener of this.listeners) {
      try {
        listener(doc, update, origin);
      } catch (error) {
        this.options.log.error('update listener failed', { doc, error });
      }
    }
  }

  private maybeCompact(name: string, hosted: Hosted): void {
    // wait until the updates weigh as much as the snapshot, so that the cost of compacting
    // per update stays flat however large the day grows
    if (
      hosted.sinceCompaction < this.compactAfter ||
      hosted.bytesSinceCompaction < hosted.snapshotBytes ||
      hosted.compactionQueued
    )
      return;
    // a till that is never quiet still compacts, once the updates weigh several snapshots
    const atOnce =
      hosted.sinceCompaction >= COMPACT_AT_ONCE_RATIO * this.compactAfter &&
      hosted.bytesSinceCompaction >= COMPACT_AT_ONCE_RATIO * hosted.snapshotBytes;
    // otherwise every update puts it off again
    if (!atOnce && hosted.quiet) return void hosted.quiet.refresh();
    const run = () => {
      try {
        if (this.docs.get(name) === hosted) this.compact(name);
      } catch (error) {
        this.options.log.error('background compaction failed', { doc: name, error });
      }
    };
    if (!atOnce) {
      hosted.quiet = setTimeout(run, this.compactWhenQuietMs).unref();
      return;
    }
    clearTimeout(hosted.quiet);
    hosted.quiet = undefined;
    hosted.compactionQueued = true;
    setImmediate(run);
  }
}

/**
 * A document as stored, in a new Y.Doc that nothing persists (the caller destroys it):
 * for reading, never for writing back. An update that does not apply is skipped; it was
 * reported when the document was loaded live.
 */
export function readStoredDoc(store: UpdateStore, name: string): Y.Doc {
  const doc = new Y.Doc();
  // an update that does not apply was reported by DocHost.open, and kept on disk there
  replay(doc, store.load(name), () => {});
  return doc;
}

/**
 * Applies what was stored, in one transaction. Its own function so that no closure of
 * DocHost.open holds the stored bytes: the document's update listener, made there, lives
 * as long as the document, and kept a busy day's 6 MB snapshot with it.
 */
function replay(doc: Y.Doc, stored: StoredDoc, onError: (error: unknown) => void): void {
  doc.transact(() => {
    for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
      try {
        Y.applyUpdate(doc, update, REPLAY);
      } catch (error) {
        onError(error);
      }
    }
  }, REPLAY);
}
