/**
 * An ArchiveRecord as the rows both sinks write: the columns a report needs,
 * beside the whole record as JSON (what was signed, so the archive can be
 * verified like a journal). Money stays integer minor units all the way.
 */
import type { Order, Totals } from '../../crdt/schema.ts';
import { ArchiveRecordError } from './archive-errors.ts';
import type { ArchiveRecord } from './archive-sink.ts';
import { archiveKey } from './archive-sink.ts';
import type { Row, TableName } from './archive-tables.ts';
import { TABLE_ORDER, TABLES } from './archive-tables.ts';
import { orderRows } from './order-rows.ts';

export type TableRows = Array<{ table: TableName; rows: Row[] }>;

/** Checked on every copy of a record, before any is dropped as a duplicate. */
function assertArchivable(record: ArchiveRecord): void {
  if (record.kind !== 'order') return;
  const { id, status, totals, number, closedAt } = record.order;
  if (status !== 'paid' || !totals || !number || !closedAt) {
    throw new ArchiveRecordError(
      `order ${id} is ${status}, not paid with a number and totals: only paid orders are archived`,
    );
  }
}

function recordRows(record: ArchiveRecord): Array<[TableName, Row]> {
  const mesh_id = record.meshId;
  switch (record.kind) {
    case 'order':
      return orderRows(mesh_id, record.order as Order & { totals: Totals }, record.doc);
    case 'transfer':
      return [
        [
          'transfers',
          {
            mesh_id,
            id: record.id,
            status: record.status,
            from_till: record.from,
            finalised_by: record.finalisedBy,
            order_number: record.orderNumber,
            event_count: record.events.length,
            sent_at: record.events[0]?.at ?? null,
            last_event_at: record.events.at(-1)?.at ?? null,
            events: JSON.stringify(record.events),
          },
        ],
      ];
    case 'cash-move': {
      const { move } = record;
      const row = {
        mesh_id,
        id: move.id,
        till: record.till,
        business_date: record.businessDate,
        amount: move.amount,
        reason: move.reason,
        at: move.at,
        by_id: move.by.id,
        approved_by_id: move.approvedBy?.id ?? null,
        record: JSON.stringify(move),
      };
      return [['cash_moves', row]];
    }
    case 'drawer-opening': {
      const { opening } = record;
      const row = {
        mesh_id,
        id: opening.id,
        till: record.till,
        business_date: record.businessDate,
        kind: opening.kind,
        order_id: opening.orderId,
        order_number: opening.orderNumber,
        reason: opening.reason,
        at: opening.at,
        by_id: opening.by.id,
        record: JSON.stringify(opening),
      };
      return [['drawer_openings', row]];
    }
    case 'z-report': {
      const { meta, report } = record;
      const row = {
        mesh_id,
        id: archiveKey(record),
        till: meta.till,
        business_date: meta.businessDate,
        session: meta.session,
        currency: meta.currency,
        opened_at: meta.openedAt,
        closed_at: meta.closedAt,
        sales_count: report.sales.count,
        sales_total: report.sales.total,
        refunds_count: report.refunds.count,
        refunds_total: report.refunds.total,
        net: report.net,
        meta: JSON.stringify(meta),
        report: JSON.stringify(report),
      };
      return [['z_reports', row]];
    }
  }
}

/**
 * A batch as rows per table, in TABLE_ORDER, each table's rows sorted by key:
 * every writer then locks rows in the same order, so two relays writing
 * overlapping batches wait for each other instead of deadlocking. A record
 * given twice is written once (of a transfer, the copy with the longest log),
 * since one statement may not touch a row twice.
 */
export function planWrite(records: readonly ArchiveRecord[]): TableRows {
  const unique = new Map<string, ArchiveRecord>();
  for (const record of records) {
    assertArchivable(record);
    const id = `${record.kind}\n${record.meshId}\n${archiveKey(record)}`;
    const seen = unique.get(id);
    const longer =
      seen?.kind === 'transfer' &&
      record.kind === 'transfer' &&
      record.events.length > seen.events.length;
    if (!seen || longer) unique.set(id, record);
  }
  const byTable = new Map<TableName, Array<{ key: string; row: Row }>>();
  for (const record of unique.values()) {
    for (const [table, row] of recordRows(record)) {
      const key = TABLES[table].key.map((column) => String(row[column])).join('\n');
      const rows = byTable.get(table) ?? [];
      if (rows.length === 0) byTable.set(table, rows);
      rows.push({ key, row });
    }
  }
  return TABLE_ORDER.filter((table) => byTable.has(table)).map((table) => ({
    table,
    rows: byTable
      .get(table)!
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((entry) => entry.row),
  }));
}
