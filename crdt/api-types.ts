/**
 * The shapes the till's JSON API answers with, defined once: the daemon's
 * handlers are typed with them and the UI reads them (crdt/status.ts holds
 * the mesh and device parts).
 */
import type { DuplicateCode } from './identities.ts';
import type { InvalidRecord } from './records.ts';
import type { RefundConflict, RefundRequest } from './refund-requests.ts';
import type { MeshSettings, Order, TillInfo, Totals, UiLanguage } from './schema.ts';
import type { DeviceStatus, MeshStatus } from './status.ts';
import type { DayReport } from './report.ts';
import type { RowError } from './catalogue-import.ts';
import type { TransferState } from './transfers.ts';
import type { Staff } from './schema.ts';

export interface HealthResponse {
  ok: true;
  till: string;
  /** The language of this till's screen, from the sign-in on. */
  language: UiLanguage;
}

/** GET /api/staff: who can sign in here (active staff, no PIN hashes). */
export interface StaffEntry {
  id: string;
  name: string;
  role: string;
}

/** GET /api/me: the signed-in person. */
export type Me = StaffEntry;

export interface SettingsResponse {
  mesh: MeshSettings;
  tills: TillInfo[];
}

export interface IdentityStatus {
  peerId: string;
  code: string;
  /** False when another till claimed this code first. */
  ownsCode: boolean;
  owner: string | null;
  founder: boolean;
  /** Every code two tills claim, for the manager. */
  duplicates: DuplicateCode[];
}

/** The open business day of this till, in short. */
export interface DaySummary {
  doc: string | undefined;
  businessDate: string;
  session: number;
  openedAt: string;
  openedBy: string;
  paid: number;
  openCarts: number;
}

/** GET /api/day */
export interface DayInfo {
  day: DaySummary | null;
  /** Carts from the last day that come back when the next one opens. */
  carriedOver: number;
}

/** A business day of any till this till holds live, in short (every till's status page shows each). */
export interface LiveDayTotals {
  /** The day's document. */
  doc: string;
  till: string;
  businessDate: string;
  session: number;
  closed: boolean;
  sales: number;
  salesTotal: number;
  refunds: number;
  net: number;
}

/** GET /api/status: this till, its books, and the sections its services add. */
export interface TillStatus {
  till: { code: string; name: string; peerId: string };
  identity: IdentityStatus;
  books: { refundConflicts: RefundConflict[]; invalidRecords: InvalidRecord[] };
  clock: { cappedStamps: number };
  day: DaySummary | null;
  /** The live days of every till (this one's and its peers'), from their signed records. */
  days: LiveDayTotals[];
  carriedOver: number;
  docs: Array<{ name: string; bytes: number; updates: number }>;
  catalogue: { products: number; invalidRecords: number };
  journal: { orders: number; days: number };
  uptimeMs: number;
  memory: { rss: number; heapUsed: number };
  /** Added by the running daemon (absent in a till opened without a mesh). */
  mesh?: MeshStatus;
  devices?: DeviceStatus[];
}

/** An open cart at closing time: carried to the next day, or the reason a close is refused. */
export interface OpenCartSummary {
  id: string;
  lines: number;
  openedBy: string;
}

/** POST /api/day/close/preview: the Z report the close would make, written nowhere. */
export interface ClosePreview {
  report: DayReport;
  openCarts: OpenCartSummary[];
}

/** POST /api/day/close */
export interface CloseResult {
  report: DayReport;
  carriedOver: OpenCartSummary[];
}

/** A cart or an order as the API answers it: always with its totals, even while open. */
export type OrderWithTotals = Order & { totals: Totals };

/** GET /api/orders/:ref: the order, its paid refunds, and every refund asked of it (provisional ones marked). */
export interface OrderDetail {
  order: Order;
  refunds: Order[];
  requests: RefundRequest[];
}

/** POST /api/catalogue/import: one batch of rows; refused rows with their line and reason. */
export interface ImportResult {
  created: number;
  updated: number;
  categories: number;
  errors: RowError[];
}

export type TransferNoticeKind =
  'claim-lost' | 'claim-confirmed' | 'sent-claimed' | 'sent-done' | 'conflict';

/** GET /api/transfers/notices?since=: what happened to transfers, told to the people at this till. */
export interface TransferNotice {
  seq: number;
  /** ISO time the till posted it. */
  at: string;
  kind: TransferNoticeKind;
  transferId: string;
  /** The other till involved (the winner, the claimer, the finaliser). */
  till: string | null;
  message: string;
}

/** A transfer as the API serves it: its state, as this till sees it. */
export interface TransferView extends TransferState {
  /** Sent by this till (its key), not by a till that shares its code. */
  sentHere: boolean;
  /**
   * The keys in its log registered under a code another till owns: their steps are a
   * duplicate's (kept apart as its sales are), shown as such.
   */
  duplicateSigners: string[];
}

/** GET /api/staff-members (manager): everyone, deactivated people too, without PIN hashes. */
export type StaffMember = Omit<Staff, 'pinHash'>;

/** A ticket queued for this till's printer (a report, a test page): it prints when the printer can. */
export interface QueuedTicket {
  id: number;
  kind: 'receipt' | 'copy' | 'report' | 'test';
  label: string;
  state: 'waiting' | 'held' | 'done' | 'discarded';
}
