/**
 * The records of every shared document, as zod schemas. A record read from a
 * document is parsed with these; one that fails is reported and ignored, never
 * trusted. Unknown keys are stripped.
 */
import { WRITER_TAG_PATTERN } from './documents.ts';
import { z } from 'zod';
import type {
  Brand,
  CashMoveId,
  DrawerOpeningId,
  CategoryId,
  LineId,
  OrderId,
  ProductId,
  StaffId,
  TaxId,
  TillCode,
  TransferId,
} from './ids.ts';
import { TILL_CODE_PATTERN } from './ids.ts';
import type { Hlc } from './hlc.ts';
import { isHlc } from './hlc.ts';
import { MAX_ORDER_TOTAL, MAX_UNIT_PRICE } from './money.ts';

export const id = <B extends string>() =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only') as unknown as z.ZodType<
    Brand<string, B>
  >;

export const minor = z.number().int().refine(Number.isSafeInteger, 'not a safe integer');
/** An amount a cart can hold (crdt/money.ts): a record past it was not made by a till. */
const cartAmount = minor.refine(
  (v) => Math.abs(v) <= MAX_ORDER_TOTAL * 2,
  'beyond what a cart can hold',
);
const unitPrice = minor.min(0).max(MAX_UNIT_PRICE);
export const hlc = z
  .string()
  .refine(isHlc, 'not a hybrid logical timestamp') as unknown as z.ZodType<Hlc>;
export const tillCode = z
  .string()
  .regex(TILL_CODE_PATTERN, '1 to 8 capital letters or digits') as unknown as z.ZodType<TillCode>;
export const businessDate = z.string().regex(/^\d{8}$/, 'a date as yyyymmdd');
/** Basis points: 1 % = 100. */
export const basisPoints = z.number().int().min(0).max(10_000);

export const staffRef = z.object({ id: id<'StaffId'>(), name: z.string().max(80) });
export type StaffRef = z.infer<typeof staffRef>;

/** Who last changed a record, and when: every manager edit is attributable. */
const edited = { updatedAt: hlc, updatedBy: staffRef };

// ---- catalogue -------------------------------------------------------------

const taxFields = {
  id: id<'TaxId'>(),
  name: z.string().min(1).max(60),
  rateBp: z.number().int().min(0).max(100_000),
  included: z.boolean(),
};
export const taxSchema = z.object({ ...taxFields, ...edited });
export type Tax = z.infer<typeof taxSchema>;

export const categorySchema = z.object({
  id: id<'CategoryId'>(),
  name: z.string().min(1).max(60),
  ...edited,
});
export type Category = z.infer<typeof categorySchema>;

export const barcode = z
  .string()
  .regex(/^[0-9A-Za-z-]{1,32}$/, 'a barcode of 1 to 32 letters or digits');

export const productSchema = z.object({
  id: id<'ProductId'>(),
  name: z.string().min(1).max(120),
  barcodes: z.array(barcode).max(20),
  price: unitPrice,
  taxId: id<'TaxId'>(),
  categoryId: id<'CategoryId'>().nullable(),
  active: z.boolean(),
  ...edited,
});
export type Product = z.infer<typeof productSchema>;

export const staffRoles = ['cashier', 'manager'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const staffSchema = z.object({
  id: id<'StaffId'>(),
  name: z.string().min(1).max(80),
  role: z.enum(staffRoles),
  /** Salted hash made by the daemon; the domain never sees a PIN. */
  pinHash: z.string().min(1).max(300),
  active: z.boolean(),
  ...edited,
});
export type Staff = z.infer<typeof staffSchema>;

// ---- settings --------------------------------------------------------------

export const tillRoles = z.object({ sender: z.boolean(), receiver: z.boolean() });
export type TillRoles = z.infer<typeof tillRoles>;

/** The languages the till screen ships in; each till picks its own. */
export const uiLanguages = ['en', 'fr'] as const;
export type UiLanguage = (typeof uiLanguages)[number];

export const tillInfoSchema = z.object({
  code: tillCode,
  name: z.string().min(1).max(60),
  roles: tillRoles,
  /** Absent: English. */
  language: z.enum(uiLanguages).optional(),
  ...edited,
});
export type TillInfo = z.infer<typeof tillInfoSchema>;

/** A GS1 restricted-circulation layout (prefix 20-29) printed by scales and price labels. */
export const scaleLayoutSchema = z
  .object({
    prefix: z.string().regex(/^2\d$/, 'two digits from 20 to 29'),
    kind: z.enum(['price', 'weight']),
    itemDigits: z.number().int().min(1).max(9),
    valueDigits: z.number().int().min(1).max(9),
  })
  .refine((l) => l.itemDigits + l.valueDigits === 10, 'item and value digits must add up to 10');

/** Mesh-wide settings, one key each so two managers editing different fields both win. */
export const meshSettingsSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
  shopName: z.string().max(80),
  /** Printed under the shop name: address, phone, tax number. */
  receiptHeader: z.string().max(400),
  receiptFooter: z.string().max(400),
  transfersEnabled: z.boolean(),
  /** What a cashier needs a manager's PIN for, on the spot. */
  approvals: z.object({
    /** A line discount above this (basis points). */
    discountAboveBp: basisPoints,
    /** Any price override. */
    priceOverride: z.boolean(),
    /** Voiding a cart that has lines. */
    voidWithLines: z.boolean(),
    /** Cash paid out of the drawer above this (0: every paid-out). */
    cashOutAbove: minor.min(0),
    /** Opening the drawer without a sale. */
    noSaleDrawer: z.boolean(),
  }),
  /** The most a manager may refund provisionally while the selling till is out of reach. */
  provisionalRefundLimit: minor.min(0).max(MAX_ORDER_TOTAL),
  /** How scale labels encode price or weight; prefixes are unique. */
  scaleBarcodes: z
    .array(scaleLayoutSchema)
    .max(10)
    .refine((ls) => new Set(ls.map((l) => l.prefix)).size === ls.length, 'one layout per prefix'),
});
export type MeshSettings = z.infer<typeof meshSettingsSchema>;

// ---- orders ----------------------------------------------------------------

export const paymentMethods = ['cash', 'card', 'other'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const paymentSchema = z.object({ method: z.enum(paymentMethods), amount: cartAmount });
export type Payment = z.infer<typeof paymentSchema>;

/** The tax as it was when the line was added, locked in with the price. */
export const lineTaxSchema = z.object(taxFields);

export const MAX_WEIGHT_GRAMS = 1_000_000;

export const lineSchema = z.object({
  id: id<'LineId'>(),
  productId: id<'ProductId'>(),
  name: z.string().min(1).max(120),
  barcode: barcode.nullable(),
  /** Whole units; negative on a refund. */
  qty: z
    .number()
    .int()
    .refine((q) => q !== 0 && Math.abs(q) <= 100_000, 'a non-zero quantity'),
  /** The catalogue price when the line was added, locked in. */
  unitPrice,
  /** A fixed price set by the cashier, replacing unitPrice. */
  priceOverride: unitPrice.nullable(),
  discountBp: basisPoints,
  tax: lineTaxSchema,
  refundOfLine: id<'LineId'>().nullable(),
  /**
   * The line's exact amount when it is a share of an earlier line (a partial
   * refund); null when it follows from price, quantity and discount.
   */
  fixedAmount: cartAmount.nullable().default(null),
  /** Sold by weight (a scale label): the unit price is per kilogram. */
  weightGrams: z.number().int().min(1).max(MAX_WEIGHT_GRAMS).nullable().default(null),
});
export type Line = z.infer<typeof lineSchema>;

export const customerSchema = z.object({
  name: z.string().min(1).max(120),
  contact: z.string().max(120),
});
export type Customer = z.infer<typeof customerSchema>;

export const taxTotalSchema = z.object({
  taxId: id<'TaxId'>(),
  name: z.string(),
  rateBp: z.number().int(),
  included: z.boolean(),
  base: cartAmount,
  tax: cartAmount,
});
export type TaxTotal = z.infer<typeof taxTotalSchema>;

export const totalsSchema = z.object({
  gross: cartAmount,
  discount: cartAmount,
  net: cartAmount,
  taxes: z.array(taxTotalSchema),
  taxTotal: cartAmount,
  total: cartAmount,
  paid: cartAmount,
  change: cartAmount,
});
export type Totals = z.infer<typeof totalsSchema>;

export const MAX_ORDER_LINES = 2_000;

export const approvedActions = [
  'discount',
  'price',
  'void',
  'cash-out',
  'no-sale',
  'refund',
] as const;
export type ApprovedAction = (typeof approvedActions)[number];

export const approvalSchema = z.object({
  action: z.enum(approvedActions),
  lineId: id<'LineId'>().nullable(),
  by: staffRef,
  at: hlc,
});
export type Approval = z.infer<typeof approvalSchema>;

/**
 * Every paid order and refund of a till, in payment order: its place in the
 * till's chain, the hash of the one before (its signature's SHA-256), and the
 * running total of the till's takings. An edit, a gap or a fork shows.
 */
export const chainLinkSchema = z.object({
  seq: z.number().int().min(1),
  prev: z.string().max(100),
  running: minor,
});
export type ChainLink = z.infer<typeof chainLinkSchema>;

export const orderStatuses = ['open', 'paid', 'voided', 'transferred'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const orderSchema = z.object({
  id: id<'OrderId'>(),
  till: tillCode,
  businessDate,
  kind: z.enum(['sale', 'refund']),
  status: z.enum(orderStatuses),
  /** "<till>-<yyyymmdd>-<seq>", given when the order is paid. */
  number: z.string().max(40).nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  lines: z.array(lineSchema).max(MAX_ORDER_LINES),
  customer: customerSchema.nullable(),
  note: z.string().max(500),
  payments: z.array(paymentSchema).max(20),
  /** Frozen when paid; null while open. */
  totals: totalsSchema.nullable(),
  refundOf: z.object({ id: id<'OrderId'>(), number: z.string().max(40) }).nullable(),
  transferRef: id<'TransferId'>().nullable(),
  /** Tax shares fixed by a refund (exact parts of the original's tax); null: computed. */
  fixedTaxes: z.array(taxTotalSchema).nullable().default(null),
  carriedFrom: businessDate.nullable(),
  /** Set on a claimed cart when another till won its transfer: the cashier must not sell it. */
  transferLost: z.object({ winner: tillCode.nullable(), at: hlc }).nullable().default(null),
  openedAt: hlc,
  openedBy: staffRef,
  updatedAt: hlc,
  updatedBy: staffRef,
  closedAt: hlc.nullable(),
  closedBy: staffRef.nullable(),
  /** Why a cart was voided, as the cashier said it. */
  voidReason: z.string().max(200).nullable().default(null),
  /** Who approved what a cashier may not do alone on this order (a big discount, a price, a void). */
  approvals: z.array(approvalSchema).max(200).default([]),
  /** A paid order's link in its till's chain of sales (node/books/chain.ts); null until paid. */
  chain: chainLinkSchema.nullable().default(null),
  /** Set by the till that wrote the record (crdt/signing.ts); kept so the journal holds the proof. */
  signer: z.string().max(100).optional(),
  sig: z.string().max(200).optional(),
});
export type Order = z.infer<typeof orderSchema>;

export const cashMoveSchema = z.object({
  id: id<'CashMoveId'>(),
  /** Positive into the drawer, negative out of it. */
  amount: minor.refine((a) => a !== 0, 'not zero'),
  reason: z.string().min(1).max(200),
  at: hlc,
  by: staffRef,
  /** The manager who approved it (a cashier's paid-out above the limit). */
  approvedBy: staffRef.nullable().default(null),
});
export type CashMove = z.infer<typeof cashMoveSchema>;

/** The cash drawer opened: for a sale's cash payment, or without a sale by a manager. */
export const drawerOpeningSchema = z.object({
  id: id<'DrawerOpeningId'>(),
  kind: z.enum(['sale', 'no-sale']),
  orderId: id<'OrderId'>().nullable(),
  orderNumber: z.string().max(40).nullable(),
  reason: z.string().max(200),
  at: hlc,
  by: staffRef,
  approvedBy: staffRef.nullable().default(null),
});
export type DrawerOpening = z.infer<typeof drawerOpeningSchema>;

export const countedSchema = z.partialRecord(z.enum(paymentMethods), minor);
export type Counted = z.infer<typeof countedSchema>;

export const dayMetaSchema = z.object({
  till: tillCode,
  businessDate,
  /** 1 for the first day opened on that date, 2 if it was closed and opened again. */
  session: z.number().int().min(1),
  /** Every amount of the day is in this currency. */
  currency: z.string().regex(/^[A-Z]{3}$/),
  float: minor.min(0),
  openedAt: hlc,
  openedBy: staffRef,
  closedAt: hlc.nullable(),
  closedBy: staffRef.nullable(),
  counted: countedSchema.nullable(),
  /** Paid orders in the closed day, so a peer can tell it holds all of them. */
  orderCount: z.number().int().min(0).nullable(),
  /** The tag of the writing till's key in the day's document name (absent in older days). */
  writer: z.string().regex(WRITER_TAG_PATTERN).optional(),
});
export type DayMeta = z.infer<typeof dayMetaSchema>;

export type {
  CashMoveId,
  DrawerOpeningId,
  CategoryId,
  LineId,
  OrderId,
  ProductId,
  StaffId,
  TaxId,
  TillCode,
  TransferId,
};
