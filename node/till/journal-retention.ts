/**
 * Keeps a till's journal from growing for years: a closed day leaves it once
 * a relay this till trusts has archived it and `keepArchivedDays` have passed
 * (recent sales stay for refunds and reprints), or, never archived, after
 * `keepUnarchivedDays`. Days leave oldest first per till, so each chain stays
 * whole from its anchor on. The relay's receipt for a day waits in the
 * transfers document for DAY_RECEIPT_KEEP_MS so every till holding the day
 * sees it; then the day's own till clears it.
 */
import { archivedBy, dayReceipts, dropArchiveReceipt } from '../../crdt/archive-receipts.ts';
import type * as Y from 'yjs';
import { parseDocName, TRANSFERS, TRANSFERS_DOC } from '../../crdt/documents.ts';
import { hlcWall } from '../../crdt/hlc.ts';
import type { SignatureCheck } from '../../crdt/signing.ts';
import type { JournalDay } from '../storage/journal-days.ts';
import { JournalDays } from '../storage/journal-days.ts';
import type { Db } from '../storage/database.ts';
import type { TillContext } from './context.ts';
import { commit, isOwnDay } from './context.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a day's receipt stays in the live document for the other tills to see (ms). */
export const DAY_RECEIPT_KEEP_MS = DAY_MS;

export interface JournalKeep {
  keepArchivedDays: number;
  keepUnarchivedDays: number;
}

export class JournalRetention {
  private readonly days: JournalDays;

  /** `relays`: peer ids of the relays this till's config names. */
  constructor(
    private readonly ctx: TillContext,
    db: Db,
    private readonly relays: ReadonlySet<string>,
    private readonly check: SignatureCheck,
    private readonly keep: JournalKeep,
  ) {
    this.days = new JournalDays(db);
  }

  /** Calls `listener` when a relay's receipt for a closed day arrives (to sweep without waiting). */
  onDayReceipt(listener: () => void): () => void {
    const archived = this.ctx.docs.open(TRANSFERS_DOC).getMap(TRANSFERS.archived);
    const observer = (event: Y.YMapEvent<unknown>) => {
      for (const key of event.keysChanged as Set<string>)
        if (parseDocName(key)?.kind === 'day' && archived.has(key)) return listener();
    };
    archived.observe(observer);
    return () => archived.unobserve(observer);
  }

  /** Notes the receipts of days this till journaled, then drops what is due; returns the dropped days. */
  sweep(now = this.ctx.now()): string[] {
    const days = this.days.all();
    this.noteReceipts(days, now);
    const dropped: string[] = [];
    const stopped = new Set<string>();
    for (const day of days) {
      if (stopped.has(day.till)) continue;
      if (!this.due(day, now)) {
        stopped.add(day.till); // never leave a hole in a chain: its later days wait
        continue;
      }
      this.ctx.docs.transact(() => {
        this.days.drop(day);
        this.ctx.store.purge(day.doc);
      });
      dropped.push(day.doc);
    }
    if (dropped.length)
      this.ctx.log.info('closed days left the journal', {
        days: dropped.length,
        oldest: dropped[0],
        newest: dropped.at(-1),
      });
    return dropped;
  }

  private due(day: JournalDay, now: number): boolean {
    const age = now - hlcWall(day.closedAt);
    if (age >= this.keep.keepUnarchivedDays * DAY_MS) return true;
    return day.archivedAt !== null && age >= this.keep.keepArchivedDays * DAY_MS;
  }

  private noteReceipts(days: JournalDay[], now: number): void {
    const doc = this.ctx.docs.open(TRANSFERS_DOC);
    const byDoc = new Map(days.map((d) => [d.doc, d]));
    const cleared: string[] = [];
    for (const { name, raw } of dayReceipts(doc)) {
      const day = byDoc.get(name);
      if (
        day?.archivedAt === null &&
        archivedBy(doc, name, day.orders, this.relays, this.check) &&
        this.days.markArchived(day, raw.at)
      )
        day.archivedAt = raw.at;
      const ref = parseDocName(name);
      if (isOwnDay(this.ctx, ref) && now - Date.parse(raw.at) >= DAY_RECEIPT_KEEP_MS)
        cleared.push(name);
    }
    if (cleared.length)
      commit(this.ctx, doc, () => {
        for (const name of cleared) dropArchiveReceipt(doc, name);
      });
  }
}
