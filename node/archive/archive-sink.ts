/**
 * Where finished business goes to be kept for years: a relational database
 * (PostgreSQL in the cloud, SQLite embedded). Every record is keyed by its
 * UUID and every write is idempotent, so the relay may send a record again
 * after a crash, a restart or a backfill and the archive holds it once.
 * Signatures and chain links travel with the rows, so the archive can be
 * verified like a till's journal.
 */
import type { DayReport } from '../../crdt/report.ts';
import type { CashMove, DayMeta, DrawerOpening, Order } from '../../crdt/schema.ts';
import type { TransferEvent } from '../../crdt/transfer-schema.ts';
import type { HeldRecord } from '../books/verify-books.ts';

/** Rows per read when the archive streams orders back: a chain of years is never read at once. */
export const ORDERS_PER_READ = 1_000;

/** One archived thing, with the mesh (shop) it belongs to. */
export type ArchiveRecord =
  /**
   * A paid sale or refund, exactly as its till signed it (lines, payments, taxes, transfer ref,
   * chain), with the day document it was signed in: the signature covers that name.
   */
  | { kind: 'order'; meshId: string; doc: string; order: Order }
  /** A finished transfer (done or cancelled) with its whole signed event log. */
  | {
      kind: 'transfer';
      meshId: string;
      id: string;
      status: string;
      from: string;
      finalisedBy: string | null;
      orderNumber: string | null;
      events: TransferEvent[];
    }
  | { kind: 'cash-move'; meshId: string; till: string; businessDate: string; move: CashMove }
  | {
      kind: 'drawer-opening';
      meshId: string;
      till: string;
      businessDate: string;
      opening: DrawerOpening;
    }
  /** A closed business day: its meta as signed and the Z report worked out from it. */
  | { kind: 'z-report'; meshId: string; meta: DayMeta; report: DayReport };

export type ArchiveKind = ArchiveRecord['kind'];

/** The key of a record in its table: an order's, move's or opening's UUID, a transfer's id, a day's till+date+session. */
export function archiveKey(record: ArchiveRecord): string {
  switch (record.kind) {
    case 'order':
      return record.order.id;
    case 'transfer':
      return record.id;
    case 'cash-move':
      return record.move.id;
    case 'drawer-opening':
      return record.opening.id;
    case 'z-report':
      return `${record.meta.till}/${record.meta.businessDate}/${record.meta.session}`;
  }
}

/** Sales per till per business day, from the archive: what `posmesh report` prints. */
export interface ArchivedDayTotals {
  meshId: string;
  till: string;
  businessDate: string;
  currency: string;
  sales: number;
  salesTotal: number;
  refunds: number;
  refundsTotal: number;
  /** Sales plus (negative) refunds, in minor units. */
  net: number;
}

export interface ArchiveSink {
  /** Connects and brings the schema to the newest version (migrations safe to run again). */
  start(): Promise<void>;
  /** Writes every record, in one transaction; a record already there is left as it is (or updated in place). */
  write(records: readonly ArchiveRecord[]): Promise<void>;
  /**
   * Which of these keys of one kind the archive already holds (for a backfill after an absence).
   * Give `meshId` in an archive shared by shops: a Z report's key (till/date/session) is not
   * unique across meshes the way a UUID is.
   */
  has(kind: ArchiveKind, keys: readonly string[], meshId?: string): Promise<Set<string>>;
  /** Count of records of a kind in one mesh (for the relay's status). */
  count(kind: ArchiveKind, meshId: string): Promise<number>;
  /** Per till and business day, from the archived orders; ordered by date then till. */
  dayTotals(meshId?: string): Promise<ArchivedDayTotals[]>;
  /** The archived orders of one till and business day, in number order (to verify their chain). */
  orders(meshId: string, till: string, businessDate: string): Promise<Order[]>;
  /**
   * The keys that signed a mesh's archived orders (null: orders with none), in the order of
   * their tills' codes: verify reads one till's chain at a time.
   */
  orderSigners(meshId: string): Promise<Array<string | null>>;
  /**
   * Every archived order of one signer as its till signed it, with the day document it was
   * signed in (null for rows archived before schema v2), `batch` rows per read.
   */
  signedOrders(meshId: string, signer: string | null, batch?: number): AsyncIterable<HeldRecord>;
  stop(): Promise<void>;
}
