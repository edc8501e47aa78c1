/**
 * Refunds refereed by the selling till, the way transfers are refereed by the
 * sending one. A till that refunds an order asks for it in the `refunds`
 * document (one append-only log per request, created by the asking till); the
 * till that sold the order grants or refuses each request in turn, counting
 * everything granted or already paid out, so two tills refunding one sale at
 * once get exactly one grant. With the seller out of reach a manager may
 * refund provisionally: paid out at once, and counted by the seller when it
 * hears of it. Refunds that together exceed the sale are a conflict, derived
 * from the refund orders themselves, shown and never merged away.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { REFUNDS, REFUNDS_DOC } from './documents.ts';
import type { LogKind } from './event-logs.ts';
import { EventLogs, logOwner } from './event-logs.ts';
import type { Hlc } from './hlc.ts';
import type { InvalidReporter } from './records.ts';
import type { Trust } from './signing.ts';
import type { LineId, OrderId, TillCode } from './ids.ts';
import type { Order, StaffRef } from './schema.ts';
import { hlc, staffRef, tillCode } from './schema.ts';

const lineId = z.string().min(1).max(64) as unknown as z.ZodType<LineId>;
const orderId = z.string().min(1).max(64) as unknown as z.ZodType<OrderId>;
const quantities = z.record(z.string().max(64), z.number().int().min(0));
/** The key that signed the event, as the log's reader checked it (crdt/event-logs.ts). */
const signer = z.string().min(1).max(100).optional();

export const refundEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('requested'),
    at: hlc,
    signer,
    originalId: orderId,
    originalNumber: z.string().max(40),
    /** The till that sold the original: the only one that grants. */
    seller: tillCode,
    /** The till that refunds (and pays out). */
    till: tillCode,
    lines: z
      .array(z.object({ lineId, qty: z.number().int().min(1) }))
      .min(1)
      .max(2_000),
    /** Paid out without waiting for the seller, by a manager's decision. */
    provisional: z.boolean(),
    by: staffRef,
  }),
  /** `before`: what was already refunded of each line, so the refund's exact shares follow on. */
  z.object({ type: z.literal('granted'), at: hlc, signer, before: quantities }),
  z.object({ type: z.literal('refused'), at: hlc, signer, reason: z.string().max(300) }),
  /** The asking till stopped waiting: whatever the seller answers later, nothing is paid out. */
  z.object({ type: z.literal('withdrawn'), at: hlc, signer, by: staffRef }),
  z.object({
    type: z.literal('paid'),
    at: hlc,
    signer,
    orderId,
    orderNumber: z.string().max(40),
    by: staffRef,
  }),
]);
export type RefundEvent = z.infer<typeof refundEventSchema>;
export type RequestEvent = Extract<RefundEvent, { type: 'requested' }>;

export type RequestStatus = 'pending' | 'granted' | 'refused' | 'withdrawn' | 'paid';

export interface RefundRequest {
  id: string;
  originalId: OrderId;
  originalNumber: string;
  seller: TillCode;
  till: TillCode;
  lines: Array<{ lineId: LineId; qty: number }>;
  provisional: boolean;
  requestedAt: Hlc;
  by: StaffRef;
  status: RequestStatus;
  grant: { at: Hlc; before: Record<string, number> } | null;
  refusal: string | null;
  paid: { orderId: OrderId; orderNumber: string } | null;
}

/** Request logs: started by the asking till its id names; the seller answers, the asking till does the rest. */
export const REFUND_LOGS: LogKind<RefundEvent, RefundRequest> = {
  doc: REFUNDS_DOC,
  map: REFUNDS.requests,
  schema: refundEventSchema,
  author: (id, event, earlier) => {
    const till = logOwner(id);
    if (!till) return { refused: 'the request id names no till' };
    if (event.type === 'requested')
      return event.till === till ? till : { refused: `only ${till} asks in this request` };
    const asked = earlier.find((e): e is RequestEvent => e.type === 'requested');
    if (!asked) return { refused: 'an answer before its request' };
    return event.type === 'granted' || event.type === 'refused' ? asked.seller : till;
  },
  reduce: (id, events) => reduceRefundRequest(id, events),
  order: (a, b) => (a.requestedAt < b.requestedAt ? 1 : -1),
};

export class RefundRequestsView extends EventLogs<RefundEvent, RefundRequest> {
  constructor(doc: Y.Doc, report: InvalidReporter, trust: Trust) {
    super(doc, report, trust, REFUND_LOGS);
  }

  /** Every request against one sale. */
  of(originalId: OrderId): RefundRequest[] {
    return this.all().filter((r) => r.originalId === originalId);
  }
}

/** One request from its authentic events; undefined without a `requested` event. */
export function reduceRefundRequest(
  id: string,
  events: readonly RefundEvent[],
): RefundRequest | undefined {
  const sorted = [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const asked = sorted.find((e): e is RequestEvent => e.type === 'requested');
  if (!asked) return undefined;
  const first = <T extends RefundEvent['type']>(type: T) =>
    sorted.find((e): e is Extract<RefundEvent, { type: T }> => e.type === type);
  const granted = first('granted');
  const refused = first('refused');
  // the seller's first answer stands
  const answer = granted && (!refused || granted.at < refused.at) ? granted : refused;
  const withdrawn = first('withdrawn');
  const paid = first('paid');
  const status: RequestStatus = paid
    ? 'paid'
    : answer?.type === 'refused'
      ? 'refused'
      : withdrawn
        ? 'withdrawn'
        : answer?.type === 'granted'
          ? 'granted'
          : 'pending';
  return {
    id,
    originalId: asked.originalId,
    originalNumber: asked.originalNumber,
    seller: asked.seller,
    till: asked.till,
    lines: asked.lines,
    provisional: asked.provisional,
    requestedAt: asked.at,
    by: asked.by,
    status,
    grant: answer?.type === 'granted' ? { at: answer.at, before: answer.before } : null,
    refusal: answer?.type === 'refused' ? answer.reason : null,
    paid: paid ? { orderId: paid.orderId, orderNumber: paid.orderNumber } : null,
  };
}

/** A request counts against the sale once it may be paid out, or was. */
const counts = (r: RefundRequest) =>
  r.status === 'paid' || r.status === 'granted' || (r.provisional && r.status !== 'withdrawn');

export type Decision =
  | { id: string; grant: true; before: Record<string, number> }
  | { id: string; grant: false; reason: string };

/**
 * The seller's answers to the pending requests of one of its sales, in the
 * order they were asked: each is granted while what it asks is still left of
 * every line (the sale, less everything granted, provisional or paid before).
 */
export function decideRefunds(original: Order, requests: readonly RefundRequest[]): Decision[] {
  const taken = new Map<string, number>();
  const take = (r: RefundRequest) => {
    for (const l of r.lines) taken.set(l.lineId, (taken.get(l.lineId) ?? 0) + l.qty);
  };
  for (const r of requests) if (counts(r)) take(r);
  const pending = requests
    .filter((r) => r.status === 'pending' && !r.provisional)
    .sort((a, b) =>
      a.requestedAt < b.requestedAt ? -1 : a.requestedAt > b.requestedAt ? 1 : a.id < b.id ? -1 : 1,
    );
  const decisions: Decision[] = [];
  for (const r of pending) {
    const short = r.lines.find((l) => {
      const line = original.lines.find((o) => o.id === l.lineId);
      return !line || l.qty > line.qty - (taken.get(l.lineId) ?? 0);
    });
    if (short) {
      const line = original.lines.find((o) => o.id === short.lineId);
      const left = line ? line.qty - (taken.get(short.lineId) ?? 0) : 0;
      decisions.push({
        id: r.id,
        grant: false,
        reason: line
          ? `line "${line.name}" of ${original.number}: ${left} of ${line.qty} left to refund, asked ${short.qty}`
          : `${original.number} has no line ${short.lineId}`,
      });
      continue;
    }
    decisions.push({ id: r.id, grant: true, before: Object.fromEntries(taken) });
    take(r);
  }
  return decisions;
}

export interface RefundConflict {
  originalId: OrderId;
  originalNumber: string;
  lineId: LineId;
  line: string;
  sold: number;
  refunded: number;
  /** The refunds that together passed the sale. */
  refunds: string[];
}

/** Lines refunded beyond what was sold, from the paid refund orders of a sale (whatever any log says). */
export function refundConflicts(original: Order, refunds: readonly Order[]): RefundConflict[] {
  // in one order on every till, whatever order its journal and documents gave them
  const paid = refunds
    .filter((r) => r.kind === 'refund' && r.status === 'paid' && r.refundOf?.id === original.id)
    .sort((a, b) => ((a.number ?? a.id) < (b.number ?? b.id) ? -1 : 1));
  return original.lines.flatMap((line) => {
    const touching = paid.filter((r) => r.lines.some((l) => l.refundOfLine === line.id));
    const refunded = touching.reduce(
      (sum, r) =>
        sum - r.lines.filter((l) => l.refundOfLine === line.id).reduce((s, l) => s + l.qty, 0),
      0,
    );
    if (refunded <= line.qty) return [];
    return [
      {
        originalId: original.id,
        originalNumber: original.number ?? original.id,
        lineId: line.id,
        line: line.name,
        sold: line.qty,
        refunded,
        refunds: touching.map((r) => r.number ?? r.id),
      },
    ];
  });
}
