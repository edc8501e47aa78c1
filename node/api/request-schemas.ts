/** Request bodies, checked before anything is touched; errors name the field. */
import { z } from 'zod';
import { meshSettingsSchema, paymentMethods, staffRoles, uiLanguages } from '../../crdt/schema.ts';

const int = z.number().int();
/** A manager's PIN typed at the till, for what a cashier may not do alone. */
const approval = z
  .strictObject({ staffId: z.string().min(1).max(64), pin: z.string().max(16) })
  .optional();
const payment = z.strictObject({ method: z.enum(paymentMethods), amount: int });

export const loginBody = z.strictObject({
  staffId: z.string().min(1).max(64),
  pin: z.string().max(16),
});
export const openDayBody = z.strictObject({ float: int.min(0) });
export const cashMoveBody = z.strictObject({
  amount: int.refine((a) => a !== 0, 'not zero'),
  reason: z.string().trim().min(1).max(200),
  approval,
});
export const closeDayBody = z.strictObject({
  counted: z.partialRecord(z.enum(paymentMethods), int.min(0)),
  carryOver: z.boolean().default(true),
});
export const addLineBody = z.union([
  z.strictObject({ barcode: z.string().min(1).max(32), qty: int.optional() }),
  z.strictObject({ productId: z.string().min(1).max(64), qty: int.optional() }),
]);
export const editLineBody = z.strictObject({
  qty: int.optional(),
  price: int.nullable().optional(),
  discountBp: int.optional(),
  approval,
});
export const voidBody = z.strictObject({
  reason: z.string().trim().max(200).default(''),
  approval,
});
export const editCartBody = z.strictObject({
  customer: z
    .strictObject({ name: z.string(), contact: z.string().default('') })
    .nullable()
    .optional(),
  note: z.string().optional(),
});
export const payBody = z.strictObject({ payments: z.array(payment).max(20) });
export const refundBody = z.strictObject({
  lines: z
    .array(z.strictObject({ lineId: z.string().min(1).max(64), qty: int }))
    .min(1)
    .max(2000),
  payments: z.array(payment).max(20).default([]),
  /** Pay the exact refund out in one method, instead of listing payments. */
  payout: z.enum(paymentMethods).optional(),
  /** Pay out without the selling till's grant: it is out of reach (manager, within the limit). */
  provisional: z.boolean().default(false),
  approval,
});
export const productBody = z.strictObject({
  id: z.string().optional(),
  name: z.string(),
  barcodes: z.array(z.string()).default([]),
  price: int,
  taxId: z.string(),
  categoryId: z.string().nullable().default(null),
  active: z.boolean().default(true),
});
export const categoryBody = z.strictObject({ id: z.string().optional(), name: z.string() });
export const taxBody = z.strictObject({
  id: z.string().optional(),
  name: z.string(),
  rateBp: int,
  included: z.boolean(),
});
export const importBody = z.strictObject({
  columns: z.array(z.string()).min(1).max(20),
  rows: z
    .array(z.strictObject({ line: int.min(1), cells: z.array(z.string()).max(20) }))
    .max(5_000),
});
export const staffBody = z.strictObject({
  id: z.string().optional(),
  name: z.string(),
  role: z.enum(staffRoles),
  pin: z.string().optional(),
  active: z.boolean().optional(),
});
/** Any mesh setting, each checked as the settings document checks it. */
export const settingsBody = meshSettingsSchema.partial().strict();
export const rolesBody = z.strictObject({ sender: z.boolean(), receiver: z.boolean() });
export const languageBody = z.strictObject({ language: z.enum(uiLanguages) });
export const sendBody = z.strictObject({
  mode: z.enum(['assigned', 'broadcast']),
  /** Till codes; null (broadcast only) for every receiver. */
  targets: z.array(z.string().min(1).max(8)).max(100).nullable().default(null),
});
export const drawerOpenBody = z.strictObject({
  reason: z.string().trim().min(1).max(200),
  approval,
});
export const screenBody = z.strictObject({ cartId: z.string().min(1).max(64).nullable() });
