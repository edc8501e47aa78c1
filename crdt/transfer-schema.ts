/** Transfers: an append-only event log per transfer (crdt/transfers.ts), and the cart it carries. */
import { z } from 'zod';
import { customerSchema, hlc, id, lineSchema, staffRef, tillCode, totalsSchema } from './schema.ts';

export const cartSnapshotSchema = z.object({
  sourceOrderId: id<'OrderId'>(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  customer: customerSchema.nullable(),
  note: z.string().max(500),
  lines: z.array(lineSchema).min(1).max(2_000),
  totals: totalsSchema,
});
export type CartSnapshot = z.infer<typeof cartSnapshotSchema>;

/** `signer`: the key that signed the event, as the log's reader checked it (crdt/event-logs.ts). */
const signer = z.string().min(1).max(100).optional();
const eventBase = { at: hlc, signer };
export const transferEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sent'),
    ...eventBase,
    transferId: id<'TransferId'>(),
    from: tillCode,
    mode: z.enum(['assigned', 'broadcast']),
    /** Chosen tills, or null for every receiver. */
    targets: z.array(tillCode).min(1).max(100).nullable(),
    cart: cartSnapshotSchema,
    by: staffRef,
  }),
  z.object({ type: z.literal('claimed'), ...eventBase, till: tillCode, by: staffRef }),
  /**
   * Only the sender appends these; a claim is identified by its till and time,
   * and by the key that made it (two tills may share a code).
   */
  z.object({
    type: z.literal('confirmed'),
    ...eventBase,
    claim: tillCode,
    claimAt: hlc,
    claimSigner: signer,
  }),
  /** Only the holder of the claim. */
  z.object({
    type: z.literal('released'),
    ...eventBase,
    till: tillCode,
    claimAt: hlc,
    by: staffRef,
  }),
  z.object({ type: z.literal('cancelled'), ...eventBase, by: staffRef }),
  z.object({
    type: z.literal('paid'),
    ...eventBase,
    till: tillCode,
    orderId: id<'OrderId'>(),
    orderNumber: z.string().max(40),
    by: staffRef,
  }),
]);
export type TransferEvent = z.infer<typeof transferEventSchema>;
