/**
 * WAL checkpoints between sales, not inside one. SQLite copies its log back into the
 * database file in the commit that takes the log past 1,000 pages (a sale writes ~30):
 * that commit, every ~30th sale, also waited for the copy and two more fsyncs (2-8 ms
 * here, the sale latency's p99). Here the log is checkpointed once the current event
 * loop turn is over (the payment's response is out), after a payment, or after many
 * commits of any kind (a relay's peer copies). SQLite's own checkpoint stays as the
 * bound for a caller that never yields.
 */
import type { Db } from './database.ts';

/** Commits since the last checkpoint before a payment's commit schedules one (~8 sales). */
export const CHECKPOINT_AFTER_COMMITS = 40;
/** Commits of any kind that schedule one without a payment. */
export const CHECKPOINT_AFTER_ANY_COMMITS = 4 * CHECKPOINT_AFTER_COMMITS;
/** SQLite's own checkpoint, inside a commit, for a log this long (pages of 4 KiB). */
export const AUTOCHECKPOINT_PAGES = 10_000;

export class WalCheckpoints {
  private commits = 0;
  private queued: NodeJS.Immediate | undefined;

  constructor(private readonly db: Db) {
    db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  }

  /** A transaction committed; `durable`: it waited for the disk (a payment). */
  committed(durable: boolean): void {
    this.commits++;
    const due = durable
      ? this.commits >= CHECKPOINT_AFTER_COMMITS
      : this.commits >= CHECKPOINT_AFTER_ANY_COMMITS;
    if (!due || this.queued) return;
    this.queued = setImmediate(() => {
      this.queued = undefined;
      if (!this.db.open || this.db.inTransaction) return;
      this.commits = 0;
      // PASSIVE: copies what no reader still needs, never waits for a lock
      try {
        this.db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // as SQLite's own checkpoint does: the pages stay in the log, the next one copies them
      }
    });
    this.queued.unref();
  }

  close(): void {
    clearImmediate(this.queued);
    this.queued = undefined;
  }
}
