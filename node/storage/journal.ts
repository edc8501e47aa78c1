/**
 * The relational sales journal: every paid order (lines, payments) and every
 * closed day, for reports, refunds against old orders and the archive. Writes
 * are idempotent by UUID, so recording an order twice changes nothing.
 */
import { lineAmounts } from '../../crdt/pricing.ts';
import type { OrderId } from '../../crdt/ids.ts';
import type { DayReport } from '../../crdt/report.ts';
import type { CashMove, DayMeta, Order } from '../../crdt/schema.ts';
import { orderSchema } from '../../crdt/schema.ts';
import type { Db } from './database.ts';

export class SalesJournal {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      insertOrder: db.prepare(
        `INSERT INTO journal_orders (id, number, till, business_date, kind, refund_of, transfer_ref, customer,
           gross, discount, tax, total, paid, change, paid_at, paid_by, paid_by_id, data, doc, signer, chain_seq)
         VALUES (@id, @number, @till, @businessDate, @kind, @refundOf, @transferRef, @customer,
           @gross, @discount, @tax, @total, @paid, @change, @paidAt, @paidBy, @paidById, @data, @doc, @signer, @chainSeq)
         ON CONFLICT (id) DO NOTHING`,
      ),
      insertLine: db.prepare(
        `INSERT INTO journal_lines (order_id, idx, line_id, product_id, name, qty, unit_price, discount_bp,
           gross, discount, amount, tax_id, tax_rate_bp, tax_included, refund_of_line)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertPayment: db.prepare(
        `INSERT INTO journal_payments (order_id, idx, method, amount) VALUES (?, ?, ?, ?)`,
      ),
      byId: db.prepare(`SELECT data FROM journal_orders WHERE id = ?`),
      byNumber: db.prepare(`SELECT data FROM journal_orders WHERE number = ?`),
      refundsOf: db.prepare(`SELECT data FROM journal_orders WHERE refund_of = ? ORDER BY paid_at`),
      insertDay: db.prepare(
        `INSERT INTO journal_days (till, business_date, session, writer, closed_at, report)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      day: db.prepare(
        `SELECT report FROM journal_days WHERE till = ? AND business_date = ? AND writer IN (?, '')
         ORDER BY session DESC LIMIT 1`,
      ),
      insertMove: db.prepare(
        `INSERT INTO journal_cash_moves (id, till, business_date, amount, reason, at, by_name, by_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      latest: db.prepare(`SELECT max(paid_at) AS latest FROM journal_orders`),
      signed: db.prepare(`SELECT data, doc FROM journal_orders ORDER BY signer, chain_seq`),
      counts: db.prepare(
        `SELECT (SELECT count(*) FROM journal_orders) AS orders, (SELECT count(*) FROM journal_days) AS days`,
      ),
    };
  }

  /**
   * Records a paid order as it was signed (`order` is the record as written in
   * day document `doc`, signature included, so it can be verified again from
   * here alone); true if it was new.
   */
  recordOrder(order: Order, doc: string): boolean {
    if (
      order.status !== 'paid' ||
      !order.totals ||
      !order.number ||
      !order.closedAt ||
      !order.closedBy
    ) {
      throw new Error(`only paid orders go in the journal (order ${order.id} is ${order.status})`);
    }
    const t = order.totals;
    const inserted = this.stmts.insertOrder.run({
      id: order.id,
      number: order.number,
      till: order.till,
      businessDate: order.businessDate,
      kind: order.kind,
      refundOf: order.refundOf?.id ?? null,
      transferRef: order.transferRef,
      customer: order.customer?.name ?? null,
      gross: t.gross,
      discount: t.discount,
      tax: t.taxTotal,
      total: t.total,
      paid: t.paid,
      change: t.change,
      paidAt: order.closedAt,
      paidBy: order.closedBy.name,
      paidById: order.closedBy.id,
      data: JSON.stringify(order),
      doc,
      signer: order.signer ?? null,
      chainSeq: order.chain?.seq ?? null,
    });
    if (inserted.changes === 0) return false;
    order.lines.forEach((line, idx) => {
      const a = lineAmounts(line);
      this.stmts.insertLine.run(
        order.id,
        idx,
        line.id,
        line.productId,
        line.name,
        line.qty,
        line.priceOverride ?? line.unitPrice,
        line.discountBp,
        a.gross,
        a.discount,
        a.amount,
        line.tax.id,
        line.tax.rateBp,
        line.tax.included ? 1 : 0,
        line.refundOfLine,
      );
    });
    order.payments.forEach((p, idx) =>
      this.stmts.insertPayment.run(order.id, idx, p.method, p.amount),
    );
    return true;
  }

  order(id: OrderId): Order | undefined {
    return parseRow(this.stmts.byId.get(id));
  }

  /** Every order with this number: one, unless two tills shared a code. */
  ordersByNumber(number: string): Order[] {
    return (this.stmts.byNumber.all(number) as Array<{ data: string }>)
      .map((row) => parseRow(row))
      .filter((o): o is Order => o !== undefined);
  }

  refundsOf(id: OrderId): Order[] {
    return (this.stmts.refundsOf.all(id) as Array<{ data: string }>)
      .map((row) => parseRow(row))
      .filter((o): o is Order => o !== undefined);
  }

  recordDay(meta: DayMeta, report: DayReport, moves: readonly CashMove[]): void {
    this.stmts.insertDay.run(
      meta.till,
      meta.businessDate,
      meta.session,
      meta.writer ?? '',
      meta.closedAt,
      JSON.stringify(report),
    );
    for (const m of moves) {
      this.stmts.insertMove.run(
        m.id,
        meta.till,
        meta.businessDate,
        m.amount,
        m.reason,
        m.at,
        m.by.name,
        m.by.id,
      );
    }
  }

  /** Every paid order as signed, with the day document it was signed for: what `posmesh verify` checks. */
  *signedOrders(): Generator<{ raw: unknown; doc: string | null }> {
    for (const row of this.stmts.signed.iterate() as Iterable<{ data: string; doc: string | null }>)
      yield { raw: JSON.parse(row.data), doc: row.doc };
  }

  /** The Z report of a closed day of one writer (the latest session of that date). */
  dayReport(till: string, writer: string, businessDate: string): DayReport | undefined {
    const row = this.stmts.day.get(till, businessDate, writer) as { report: string } | undefined;
    return row ? (JSON.parse(row.report) as DayReport) : undefined;
  }

  /** Newest timestamp in the journal, so the clock never goes behind what was written. */
  latestTimestamp(): string | undefined {
    return (this.stmts.latest.get() as { latest: string | null }).latest ?? undefined;
  }

  counts(): { orders: number; days: number } {
    return this.stmts.counts.get() as { orders: number; days: number };
  }
}

function parseRow(row: unknown): Order | undefined {
  if (!row) return undefined;
  const parsed = orderSchema.safeParse(JSON.parse((row as { data: string }).data));
  return parsed.success ? parsed.data : undefined;
}
