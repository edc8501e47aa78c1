/**
 * Cart transfers between tills as append-only event logs, one Y.Array per
 * transfer in the `transfers` document, created by the sender. Concurrent
 * appends all survive; the state of a transfer (and who won it) is a pure
 * function of its converged log, so every till computes the same answer.
 *
 * The sending till is the referee: it confirms one claim at a time (a release
 * frees it), none after it cancelled. The winner is the confirmed claim if
 * there is one, else the earliest provisional claim by hybrid timestamp (ties
 * by till code). A loser that took payment is a conflict, recorded by the log
 * itself, never merged away.
 */
import type * as Y from 'yjs';
import { TRANSFERS, TRANSFERS_DOC } from './documents.ts';
import type { Hlc } from './hlc.ts';
import type { OrderId, TillCode, TransferId } from './ids.ts';
import type { InvalidReporter } from './records.ts';
import type { Author, LogKind } from './event-logs.ts';
import { appendEvent, createLog, EventLogs, logOwner } from './event-logs.ts';
import type { StaffRef } from './schema.ts';
import type { CartSnapshot, TransferEvent } from './transfer-schema.ts';
import { transferEventSchema } from './transfer-schema.ts';
import type { RecordSigner, Trust } from './signing.ts';

export type SentEvent = Extract<TransferEvent, { type: 'sent' }>;

export interface Claim {
  till: TillCode;
  /** The key that made the claim: two tills sharing a code are two claimants. */
  signer: string | undefined;
  at: Hlc;
  by: StaffRef;
  confirmedAt: Hlc | null;
  releasedAt: Hlc | null;
}

export interface Payment {
  till: TillCode;
  signer: string | undefined;
  orderId: OrderId;
  orderNumber: string;
  at: Hlc;
  by: StaffRef;
}

export type TransferStatus =
  'pending' | 'provisional' | 'confirmed' | 'done' | 'cancelled' | 'conflict';

export interface TransferConflict {
  /** The till that paid without holding the transfer. */
  till: TillCode;
  signer: string | undefined;
  orderNumber: string;
  reason: 'lost claim' | 'cancelled';
}

export interface TransferState {
  id: TransferId;
  from: TillCode;
  /** The key that sent it: the referee (the code's owner, or a till sharing its code). */
  sender: string | undefined;
  mode: SentEvent['mode'];
  targets: TillCode[] | null;
  cart: CartSnapshot;
  sentAt: Hlc;
  sentBy: StaffRef;
  status: TransferStatus;
  claims: Claim[];
  /** The claim that holds the transfer (confirmed, else earliest provisional). */
  winner: Claim | null;
  /** Active claims that did not win (their tills must be told). */
  losers: Claim[];
  cancelled: { at: Hlc; by: StaffRef } | null;
  /** The winner's payment. */
  done: Payment | null;
  conflicts: TransferConflict[];
  /** The whole log, in order. */
  history: TransferEvent[];
  /** The audit trail: every step of the log, plus the steps derived from it (claim lost, conflict). */
  timeline: TimelineEntry[];
}

export type TimelineStep =
  'sent' | 'claimed' | 'confirmed' | 'released' | 'cancelled' | 'done' | 'claim lost' | 'conflict';

export interface TimelineEntry {
  at: Hlc;
  step: TimelineStep;
  /** The till the step concerns, and the key it signs with (a till sharing its code has another). */
  till: TillCode;
  signer: string | undefined;
  /** Who did it (absent for derived steps and the referee's confirmation). */
  by: StaffRef | null;
  detail: string;
}

const byTime = (a: { at: string }, b: { at: string }) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
const claimOrder = (a: Claim, b: Claim) =>
  byTime(a, b) || a.till.localeCompare(b.till) || (a.signer ?? '').localeCompare(b.signer ?? '');

/**
 * A till as a transfer log tells it apart: its code and the key it signs with.
 * Two tills that share a code (a duplicate) are two tills to a log.
 */
export interface LogTill {
  code: TillCode;
  key: string | undefined;
}

/** Whether a step written for `till` and signed by `signer` is `self`'s. */
export const isSelf = (self: LogTill, till: TillCode, signer: string | undefined): boolean =>
  till === self.code && signer === self.key;
/** Whether `self` sent this transfer (with its own key, not a till that shares its code). */
export const sentBy = (state: TransferState, self: LogTill): boolean =>
  isSelf(self, state.from, state.sender);
/** Whether the claim is `self`'s. */
export const claimedBy = (claim: Claim | null | undefined, self: LogTill): boolean =>
  !!claim && isSelf(self, claim.till, claim.signer);

/**
 * Who may write an event: the send, a till registered under the code the id
 * names; confirmations and cancellations, the key that sent it; claims,
 * releases and payments, a till registered under the code they name (the
 * reducer matches a release and a payment to a claim by its key). A till
 * sharing another's code keeps what it wrote as its own, never the owner's.
 */
export function eventAuthor(
  event: TransferEvent,
  from: TillCode,
  sent: SentEvent | undefined,
): Author {
  switch (event.type) {
    case 'sent':
      // one send per log: a second one (another key of the code) would take over the referee's part
      return sent ? { refused: 'the transfer was sent already' } : { anyKeyOf: from };
    case 'confirmed':
    case 'cancelled':
      return sent?.signer
        ? { key: sent.signer }
        : { refused: 'a step of the sender before its send' };
    default:
      return { anyKeyOf: event.till };
  }
}

/**
 * The state of one transfer from its log of authentic events (each signed by
 * the till that may write it); undefined when the log has no `sent` event.
 */
export function reduceTransfer(events: readonly TransferEvent[]): TransferState | undefined {
  const history = [...events].sort(byTime);
  const sent = history.find((e): e is SentEvent => e.type === 'sent');
  if (!sent) return undefined;
  const claims: Claim[] = history
    .filter((e) => e.type === 'claimed')
    .map((e) => ({
      till: e.till,
      signer: e.signer,
      at: e.at,
      by: e.by,
      confirmedAt: null,
      releasedAt: null,
    }));
  const find = (till: TillCode, at: Hlc, signer: string | undefined) =>
    claims.find((c) => c.till === till && c.at === at && c.signer === signer);
  const cancelEvent = history.find((e) => e.type === 'cancelled');
  const paid: Payment[] = [];
  // matched by reference, not by position: the log order never decides what a confirmation meant
  for (const e of history) {
    if (e.type === 'confirmed') {
      // a confirmation of an older posmesh names no key: the claim of that till and time
      const claim = e.claimSigner
        ? find(e.claim, e.claimAt, e.claimSigner)
        : claims.find((c) => c.till === e.claim && c.at === e.claimAt);
      // the sender confirms nothing after its cancel
      if (claim && claim.confirmedAt === null && !(cancelEvent && cancelEvent.at < e.at))
        claim.confirmedAt = e.at;
    } else if (e.type === 'released') {
      // only the key that claimed releases its claim
      const claim = find(e.till, e.claimAt, e.signer);
      if (claim && claim.releasedAt === null) claim.releasedAt = e.at;
    } else if (e.type === 'paid') {
      paid.push({
        till: e.till,
        signer: e.signer,
        orderId: e.orderId,
        orderNumber: e.orderNumber,
        at: e.at,
        by: e.by,
      });
    }
  }
  const active = claims.filter((c) => c.releasedAt === null).sort(claimOrder);
  // a confirmation made before the cancel keeps the transfer alive
  const confirmed = active
    .filter((c) => c.confirmedAt !== null)
    .sort((a, b) => (a.confirmedAt! < b.confirmedAt! ? -1 : 1));
  const isCancelled = cancelEvent !== undefined && confirmed.length === 0;
  const winner = isCancelled ? null : (confirmed[0] ?? active[0] ?? null);
  const losers = isCancelled ? active : active.filter((c) => c !== winner);
  const done = winner
    ? (paid.find((p) => p.till === winner.till && p.signer === winner.signer && p.at > winner.at) ??
      null)
    : null;
  const conflicts: TransferConflict[] = paid
    .filter((p) => p !== done)
    .map((p) => ({
      till: p.till,
      signer: p.signer,
      orderNumber: p.orderNumber,
      reason: isCancelled ? 'cancelled' : 'lost claim',
    }));
  const status: TransferStatus = conflicts.length
    ? 'conflict'
    : isCancelled
      ? 'cancelled'
      : done
        ? 'done'
        : winner?.confirmedAt
          ? 'confirmed'
          : winner
            ? 'provisional'
            : 'pending';
  const timeline = buildTimeline(history, sent, winner, losers, done);
  return {
    id: sent.transferId,
    from: sent.from,
    sender: sent.signer,
    mode: sent.mode,
    targets: sent.targets,
    cart: sent.cart,
    sentAt: sent.at,
    sentBy: sent.by,
    status,
    claims: claims.sort(claimOrder),
    winner,
    losers,
    cancelled:
      isCancelled && cancelEvent?.type === 'cancelled'
        ? { at: cancelEvent.at, by: cancelEvent.by }
        : null,
    done,
    conflicts,
    history,
    timeline,
  };
}

function buildTimeline(
  history: readonly TransferEvent[],
  sent: SentEvent,
  winner: Claim | null,
  losers: readonly Claim[],
  done: Payment | null,
): TimelineEntry[] {
  const entries: TimelineEntry[] = history.map((e): TimelineEntry => {
    const step = { at: e.at, signer: e.signer };
    switch (e.type) {
      case 'sent':
        return {
          ...step,
          step: 'sent',
          till: e.from,
          by: e.by,
          detail: e.targets ? `to ${e.targets.join(', ')}` : 'to every receiver',
        };
      case 'claimed':
        return { ...step, step: 'claimed', till: e.till, by: e.by, detail: '' };
      case 'confirmed':
        return {
          ...step,
          signer: e.claimSigner,
          step: 'confirmed',
          till: e.claim,
          by: null,
          detail: `by ${sent.from}`,
        };
      case 'released':
        return { ...step, step: 'released', till: e.till, by: e.by, detail: '' };
      case 'cancelled':
        return { ...step, step: 'cancelled', till: sent.from, by: e.by, detail: '' };
      case 'paid':
        return done && e.at === done.at && e.till === done.till && e.signer === done.signer
          ? { ...step, step: 'done', till: e.till, by: e.by, detail: `order ${e.orderNumber}` }
          : {
              ...step,
              step: 'conflict',
              till: e.till,
              by: e.by,
              detail: `order ${e.orderNumber} paid without holding the transfer`,
            };
    }
  });
  for (const loser of losers) {
    // lost as soon as both claims existed (or the cancel did)
    const at = winner && winner.at > loser.at ? winner.at : loser.at;
    entries.push({
      at,
      step: 'claim lost',
      till: loser.till,
      signer: loser.signer,
      by: null,
      detail: winner ? `to ${winner.till}` : 'transfer cancelled',
    });
  }
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** Whether `till` may see this transfer in its list of transfers to take. */
export function isOfferedTo(state: TransferState, till: TillCode): boolean {
  if (state.status !== 'pending' || till === state.from) return false;
  return state.targets === null || state.targets.includes(till);
}

/** The sender's duty: the claim to confirm now, if any. */
export function claimToConfirm(state: TransferState, self: LogTill): Claim | undefined {
  if (!sentBy(state, self) || state.cancelled) return undefined;
  if (state.claims.some((c) => c.releasedAt === null && c.confirmedAt !== null)) return undefined;
  return state.claims.filter((c) => c.releasedAt === null).sort(claimOrder)[0];
}

// ---- the document ----------------------------------------------------------

/** Transfer logs: started by the sender its id names; each event signed by the till that may write it. */
export const TRANSFER_LOGS: LogKind<TransferEvent, TransferState> = {
  doc: TRANSFERS_DOC,
  map: TRANSFERS.transfers,
  schema: transferEventSchema,
  author: (id, event, earlier) => {
    const from = logOwner(id);
    if (!from) return { refused: 'the transfer id names no sending till' };
    if (event.type === 'sent' && (event.from !== from || event.transferId !== id))
      return { refused: `a sent event of this transfer comes from ${from}, for this id` };
    return eventAuthor(
      event,
      from,
      earlier.find((e): e is SentEvent => e.type === 'sent'),
    );
  },
  reduce: (id, events) => {
    const state = reduceTransfer(events);
    return state?.id === id ? state : undefined;
  },
  // newest first
  order: (a, b) => (a.sentAt < b.sentAt ? 1 : -1),
};

/** The transfers of a document, reduced once and kept up to date (see EventLogs). */
export class TransfersView extends EventLogs<TransferEvent, TransferState> {
  constructor(doc: Y.Doc, report: InvalidReporter, trust: Trust) {
    super(doc, report, trust, TRANSFER_LOGS);
  }
}

/** Creates the transfer's log; only the sender does, so no two tills create one key. */
export function createTransfer(doc: Y.Doc, sent: SentEvent, signer: RecordSigner): void {
  createLog(doc, TRANSFER_LOGS, sent.transferId, sent, signer);
}

export function appendTransferEvent(
  doc: Y.Doc,
  id: TransferId,
  event: TransferEvent,
  signer: RecordSigner,
): void {
  appendEvent(doc, TRANSFER_LOGS, id, event, signer);
}

/** The order number a payment step of the timeline (done, conflict) concerns, read from its `paid` event. */
export function timelineOrderNumber(state: TransferState, entry: TimelineEntry): string | null {
  const paid = state.history.find(
    (e) =>
      e.type === 'paid' && e.at === entry.at && e.till === entry.till && e.signer === entry.signer,
  );
  return paid?.type === 'paid' ? paid.orderNumber : null;
}
