/**
 * The closed days of the sales journal as units of retention: which a relay
 * has archived, and dropping one for good. Dropping a day records, per signer,
 * the chain head it ended on (an anchor), so `posmesh verify` checks the rest
 * of the chain from there instead of reporting the dropped records missing.
 */
import type { DayDocRef } from '../../crdt/documents.ts';
import type { Hlc } from '../../crdt/hlc.ts';
import { dayDocName } from '../../crdt/documents.ts';
import type { Order } from '../../crdt/schema.ts';
import type { ChainHead } from '../books/chain.ts';
import { headAfter } from '../books/chain.ts';
import type { Db } from './database.ts';

export interface JournalDay extends DayDocRef {
  doc: string;
  closedAt: Hlc;
  /** When the relay's archive committed it (ISO), once a receipt was seen. */
  archivedAt: string | null;
  /** Paid orders and refunds of the day in the journal. */
  orders: number;
}

export interface DayAnchor extends ChainHead {
  signer: string;
}

export class JournalDays {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      days: db.prepare(
        `SELECT till, business_date AS businessDate, session, writer, closed_at AS closedAt,
           archived_at AS archivedAt
         FROM journal_days ORDER BY till, business_date, session, writer`,
      ),
      orderCount: db.prepare(`SELECT count(*) AS n FROM journal_orders WHERE doc = ?`),
      markArchived: db.prepare(
        `UPDATE journal_days SET archived_at = ?
         WHERE till = ? AND business_date = ? AND session = ? AND writer = ? AND archived_at IS NULL`,
      ),
      chainEnds: db.prepare(
        `SELECT data FROM journal_orders o WHERE doc = ? AND signer IS NOT NULL
           AND chain_seq = (SELECT max(chain_seq) FROM journal_orders p WHERE p.doc = o.doc AND p.signer = o.signer)`,
      ),
      putAnchor: db.prepare(
        `INSERT INTO journal_anchors (signer, seq, hash, running, through_doc) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (signer) DO UPDATE SET seq = excluded.seq, hash = excluded.hash,
           running = excluded.running, through_doc = excluded.through_doc
         WHERE excluded.seq > journal_anchors.seq`,
      ),
      anchors: db.prepare(`SELECT signer, seq, hash, running FROM journal_anchors`),
      dropLines: db.prepare(
        `DELETE FROM journal_lines WHERE order_id IN (SELECT id FROM journal_orders WHERE doc = ?)`,
      ),
      dropPayments: db.prepare(
        `DELETE FROM journal_payments WHERE order_id IN (SELECT id FROM journal_orders WHERE doc = ?)`,
      ),
      dropOrders: db.prepare(`DELETE FROM journal_orders WHERE doc = ?`),
      dropDay: db.prepare(
        `DELETE FROM journal_days WHERE till = ? AND business_date = ? AND session = ? AND writer = ?`,
      ),
      // cash moves carry no session: they go with the last session of their date
      dropMoves: db.prepare(
        `DELETE FROM journal_cash_moves WHERE till = ? AND business_date = ?
           AND NOT EXISTS (SELECT 1 FROM journal_days d WHERE d.till = ? AND d.business_date = ?)`,
      ),
    };
  }

  /** Every closed day the journal holds, oldest first per till. */
  all(): JournalDay[] {
    type Row = Omit<JournalDay, 'doc' | 'orders' | 'writer'> & { writer: string };
    return (this.stmts.days.all() as Row[]).map(({ writer, ...row }) => {
      const day = writer ? { ...row, writer } : row;
      const doc = dayDocName(day);
      return { ...day, doc, orders: (this.stmts.orderCount.get(doc) as { n: number }).n };
    });
  }

  /** True if this was news. */
  markArchived(day: DayDocRef, at: string): boolean {
    const { till, businessDate, session, writer } = day;
    return this.stmts.markArchived.run(at, till, businessDate, session, writer ?? '').changes > 0;
  }

  /** Takes a closed day out of the journal, keeping where each chain in it ended. */
  drop(day: DayDocRef): void {
    const doc = dayDocName(day);
    this.db.transaction(() => {
      for (const row of this.stmts.chainEnds.all(doc) as Array<{ data: string }>) {
        const order = JSON.parse(row.data) as Order;
        if (!order.chain || !order.sig || !order.signer) continue;
        const head = headAfter(order.chain, order.sig);
        this.stmts.putAnchor.run(order.signer, head.seq, head.hash, head.running, doc);
      }
      this.stmts.dropLines.run(doc);
      this.stmts.dropPayments.run(doc);
      this.stmts.dropOrders.run(doc);
      this.stmts.dropDay.run(day.till, day.businessDate, day.session, day.writer ?? '');
      this.stmts.dropMoves.run(day.till, day.businessDate, day.till, day.businessDate);
    })();
  }

  /** Where each signer's chain resumes after what was dropped. */
  anchors(): Map<string, ChainHead> {
    const rows = this.stmts.anchors.all() as DayAnchor[];
    return new Map(rows.map(({ signer, ...head }) => [signer, head]));
  }
}
