/**
 * The relay's archiver: every finished record of every document it holds goes
 * to the archive, once. At start it reads everything and writes what the
 * archive lacks (a backfill after being offline or killed); then it follows
 * the documents, and a change is archived within ARCHIVE_DELAY_MS. A write
 * that fails is tried again after RETRY_MS, and nothing is marked archived
 * before the archive's transaction committed.
 */
import type * as Y from 'yjs';
import { DayView } from '../../crdt/day.ts';
import { DAY, dayDocName, parseDocName, TRANSFERS_DOC } from '../../crdt/documents.ts';
import type { InvalidReporter } from '../../crdt/records.ts';
import type { Trust } from '../../crdt/signing.ts';
import { TransfersView } from '../../crdt/transfers.ts';
import type { ArchiveKind, ArchiveRecord, ArchiveSink } from '../archive/archive-sink.ts';
import { archiveKey } from '../archive/archive-sink.ts';
import type { DocHost } from '../docs/doc-host.ts';
import type { Logger } from '../log.ts';
import { dayRecords, transferRecords } from './relay-records.ts';
import type { ArchiveReceipt } from '../../crdt/archive-receipts.ts';
import { writeArchiveReceipt } from '../../crdt/archive-receipts.ts';
import type { RecordSigner } from '../../crdt/signing.ts';
import { LOCAL } from '../docs/origins.ts';

/** Changes are gathered this long before a write: a burst of sales becomes one transaction. */
export const ARCHIVE_DELAY_MS = 200;
export const RETRY_MS = 2_000;
/** Records per archive transaction. */
export const BATCH_SIZE = 500;

export interface ArchiverStatus {
  /** Records of this mesh in the archive, by kind (counted there after each write). */
  archived: Record<string, number>;
  /** Records seen in the documents and not yet in the archive. */
  pending: number;
  lastArchivedAt: string | null;
  /** How long the oldest pending record has waited (ms); 0 when none waits. */
  lagMs: number;
  lastError: string | null;
}

export interface ArchiverOptions {
  meshId: string;
  /** Signs the receipts it leaves in the documents for what the archive committed. */
  signer: RecordSigner;
  docs: DocHost;
  sink: ArchiveSink;
  trust: Trust;
  report: InvalidReporter;
  log: Logger;
  now?: () => number;
}

const ARCHIVE_KINDS: readonly ArchiveKind[] = [
  'order',
  'transfer',
  'cash-move',
  'drawer-opening',
  'z-report',
];

/** A record's identity in the archive, with what makes a newer version of it (a transfer's log growing). */
const versionOf = (r: ArchiveRecord) =>
  r.kind === 'transfer' ? `${r.status}/${r.events.length}` : '';

export class Archiver {
  /** kind/key -> version written, for the records of live documents. */
  private readonly written = new Map<string, string>();
  /** What the archive holds of this mesh by kind, as last counted there. */
  private readonly counts: Partial<Record<ArchiveKind, number>> = {};
  private readonly dirty = new Set<string>();
  private readonly firstSeen = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  private lastArchivedAt: number | null = null;
  private lastError: string | null = null;
  private unsubscribe: (() => void) | undefined;
  private readonly now: () => number;

  constructor(private readonly o: ArchiverOptions) {
    this.now = o.now ?? Date.now;
  }

  /** Archives what the documents hold that the archive lacks, then follows every change. */
  async start(): Promise<void> {
    await this.countArchived().catch((error: unknown) =>
      this.o.log.warn('archive counts not read', { error: (error as Error).message }),
    );
    for (const name of this.o.docs.names()) this.dirty.add(name);
    this.unsubscribe = this.o.docs.onUpdate((doc) => {
      this.dirty.add(doc);
      this.schedule(ARCHIVE_DELAY_MS);
    });
    await this.flush();
  }

  status(): ArchiverStatus {
    const archived: Record<string, number> = {};
    for (const [kind, n] of Object.entries(this.counts)) if (n) archived[kind] = n;
    // a loop, not Math.min(...values): a catch-up can hold more entries than a call takes arguments
    let oldest = Infinity;
    for (const seen of this.firstSeen.values()) if (seen < oldest) oldest = seen;
    return {
      archived,
      pending: this.firstSeen.size,
      lastArchivedAt: this.lastArchivedAt ? new Date(this.lastArchivedAt).toISOString() : null,
      lagMs: this.firstSeen.size ? Math.max(0, this.now() - oldest) : 0,
      lastError: this.lastError,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.unsubscribe?.();
    while (this.running) await new Promise((r) => setTimeout(r, 20));
  }

  private schedule(ms: number): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
  }

  /** Reads the changed documents, writes what is new, in batches; on failure keeps it for the retry. */
  private async flush(): Promise<void> {
    if (this.running || this.stopped) return this.schedule(ARCHIVE_DELAY_MS);
    this.running = true;
    const docs = [...this.dirty];
    this.dirty.clear();
    try {
      const fresh = this.unwritten(docs.flatMap((name) => this.recordsOf(name)));
      await this.skipArchived(fresh);
      const todo = fresh.filter((r) => !this.isWritten(r));
      for (let i = 0; i < todo.length; i += BATCH_SIZE) {
        const batch = todo.slice(i, i + BATCH_SIZE);
        await this.o.sink.write(batch);
        for (const r of batch) this.markWritten(r);
        this.leaveReceipts(batch);
        this.retireDays(batch);
        this.lastArchivedAt = this.now();
      }
      if (todo.length) {
        this.o.log.info('archived', { records: todo.length });
        await this.countArchived();
      }
      this.lastError = null;
    } catch (error) {
      for (const name of docs) this.dirty.add(name);
      this.lastError = (error as Error).message;
      this.o.log.warn('archive write failed: trying again', { error: this.lastError });
      this.running = false;
      return this.schedule(RETRY_MS);
    }
    this.running = false;
  }

  /**
   * Tells the tills what is archived, so a transfer's starter may take it out
   * of the live document and a till may drop a closed day from its journal;
   * only after the archive's transaction committed.
   */
  private leaveReceipts(batch: readonly ArchiveRecord[]): void {
    const receipts = batch.flatMap((r): Array<Omit<ArchiveReceipt, 'at'>> => {
      if (r.kind === 'transfer') return [{ id: r.id, events: r.events.length }];
      // a day's report is archived after every order it counts (dayRecords): the day is whole
      if (r.kind === 'z-report')
        return [{ id: dayDocName(r.meta), events: r.meta.orderCount ?? 0 }];
      return [];
    });
    const doc = this.o.docs.get(TRANSFERS_DOC);
    if (!doc || receipts.length === 0) return;
    const at = new Date(this.now()).toISOString();
    this.o.docs.transact(() =>
      doc.transact(() => {
        for (const r of receipts) writeArchiveReceipt(doc, { ...r, at }, this.o.signer);
      }, LOCAL),
    );
  }

  private recordsOf(name: string): ArchiveRecord[] {
    const doc: Y.Doc | undefined = this.o.docs.get(name);
    if (!doc) return [];
    if (name === TRANSFERS_DOC)
      return transferRecords(this.o.meshId, new TransfersView(doc, this.o.report, this.o.trust));
    if (parseDocName(name)?.kind !== 'day') return [];
    return dayRecords(this.o.meshId, new DayView(doc, name, this.o.report, this.o.trust), (id) =>
      this.written.has(`order/${id}`),
    );
  }

  private unwritten(records: ArchiveRecord[]): ArchiveRecord[] {
    const fresh = records.filter((r) => !this.isWritten(r));
    for (const r of fresh) {
      const id = `${r.kind}/${archiveKey(r)}`;
      if (!this.firstSeen.has(id)) this.firstSeen.set(id, this.now());
    }
    return fresh;
  }

  /** After a restart: what the archive already holds is not written again (immutable kinds only). */
  private async skipArchived(records: ArchiveRecord[]): Promise<void> {
    const byKind = new Map<ArchiveRecord['kind'], ArchiveRecord[]>();
    for (const r of records)
      if (r.kind !== 'transfer' && !this.written.has(`${r.kind}/${archiveKey(r)}`))
        byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
    for (const [kind, list] of byKind) {
      const held = await this.o.sink.has(kind, list.map(archiveKey), this.o.meshId);
      for (const r of list) if (held.has(archiveKey(r))) this.markWritten(r);
    }
  }

  /** Counted in the archive, not here: retired days and earlier runs are in it too. */
  private async countArchived(): Promise<void> {
    for (const kind of ARCHIVE_KINDS)
      this.counts[kind] = await this.o.sink.count(kind, this.o.meshId);
  }

  private isWritten(r: ArchiveRecord): boolean {
    return this.written.get(`${r.kind}/${archiveKey(r)}`) === versionOf(r);
  }
  private markWritten(r: ArchiveRecord): void {
    const id = `${r.kind}/${archiveKey(r)}`;
    this.written.set(id, versionOf(r));
    this.firstSeen.delete(id);
  }

  /**
   * A closed day whose report is archived holds nothing more to archive: it
   * leaves the relay's memory (kept on disk, served from there to a till that
   * asks), and so do the archiver's notes of its records.
   */
  private retireDays(batch: readonly ArchiveRecord[]): void {
    for (const r of batch) {
      if (r.kind !== 'z-report') continue;
      const name = dayDocName(r.meta);
      const doc = this.o.docs.get(name);
      if (!doc) continue;
      const keys = [
        ...[...doc.getMap(DAY.orders).keys()].map((k) => `order/${k}`),
        ...[...doc.getMap(DAY.cash).keys()].map((k) => `cash-move/${k}`),
        ...[...doc.getMap(DAY.drawer).keys()].map((k) => `drawer-opening/${k}`),
        `z-report/${archiveKey(r)}`,
      ];
      this.o.docs.retire(name);
      this.dirty.delete(name);
      for (const key of keys) {
        this.written.delete(key);
        this.firstSeen.delete(key);
      }
    }
  }
}
