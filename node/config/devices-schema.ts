/**
 * The `devices` section of mesh.config.json: this till's receipt printer, cash
 * drawer, customer display and barcode scanner. Each names its transport; a
 * device left out is simply not there. Relative paths of simulated devices are
 * inside the data directory; a logo path is relative to the config file.
 */
import CodepageEncoder from '@point-of-sale/codepage-encoder';
import { z } from 'zod';
import { DEFAULT_PRINTER_MODEL, PRINTER_MODELS } from '../../devices/receipt/receipt-escpos.ts';
import type { PrinterModel } from '../../devices/receipt/receipt-escpos.ts';

/** Rates serial devices are sold with; anything else is most likely a typo. */
export const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;
export const DEFAULT_BAUD = 9600;
export const DEFAULT_STALE_MINUTES = 30;
export const DEFAULT_IDLE_SECONDS = 30;
export const DEFAULT_KICK_WITHIN_SECONDS = 120;
export const DEFAULT_WELCOME = 'Welcome';

const CODEPAGES = new Set<string>(CodepageEncoder.getEncodings());

const path = z.string({ error: 'required: a device path such as /dev/ttyUSB0' }).min(1);
const baud = z
  .number()
  .int()
  .refine((b) => (BAUD_RATES as readonly number[]).includes(b), `one of ${BAUD_RATES.join(', ')}`)
  .default(DEFAULT_BAUD);
const codepage = z
  .string()
  .refine((c) => CODEPAGES.has(c), 'a code page such as cp437, cp858, cp866 or windows1252');
const simulatedDir = (fallback: string) => z.string().min(1).default(fallback);

const printerCommon = {
  /** 58 mm paper prints 32 columns, 80 mm prints 48. */
  paperWidth: z.union([z.literal(58), z.literal(80)], { error: '58 or 80 (mm)' }).default(80),
  /** "auto" picks a code page per character; a fixed one suits printers that lack the others. */
  codepage: z.union([z.literal('auto'), codepage]).default('auto'),
  cut: z.boolean().default(true),
  /** A PNG printed at the top of every receipt. */
  logo: z.string().min(1).optional(),
  model: z
    .string()
    .refine((m) => PRINTER_MODELS.includes(m), `one of ${PRINTER_MODELS.join(', ')}`)
    .default(DEFAULT_PRINTER_MODEL)
    .transform((m) => m as PrinterModel),
  /** Ask the printer its state (DLE EOT) where the transport is two-way. */
  status: z.boolean().default(true),
  /** A ticket older than this when the printer comes back waits for a decision. */
  staleAfterMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(DEFAULT_STALE_MINUTES),
};

export const printerSchema = z.discriminatedUnion('transport', [
  z.strictObject({
    transport: z.literal('tcp'),
    host: z.string({ error: 'required: the printer address, such as 192.168.1.50' }).min(1),
    port: z.number().int().min(1).max(65_535).default(9100),
    ...printerCommon,
  }),
  z.strictObject({ transport: z.literal('serial'), path, baud, ...printerCommon }),
  z.strictObject({ transport: z.literal('file'), path, ...printerCommon }),
  z.strictObject({
    transport: z.literal('simulated'),
    dir: simulatedDir('devices/printer'),
    ...printerCommon,
  }),
]);

export const drawerSchema = z.strictObject({
  /** The drawer port pin of the printer the drawer is wired to. */
  pin: z.union([z.literal(2), z.literal(5)], { error: '2 or 5' }).default(2),
  pulseMs: z.number().int().min(10).max(500).default(100),
  /** The printer reports the drawer's open sensor (DLE EOT 1); which level means open. */
  sensor: z.enum(['none', 'open-high', 'open-low']).default('none'),
  /** A cash sale's receipt printed later than this (the printer was off) does not open the drawer. */
  kickWithinSeconds: z.number().int().min(5).max(3_600).default(DEFAULT_KICK_WITHIN_SECONDS),
});

const displayCommon = {
  welcome: z.string().max(40).default(DEFAULT_WELCOME),
  /** Back to the welcome text this long after a payment. */
  idleSeconds: z.number().int().min(3).max(3_600).default(DEFAULT_IDLE_SECONDS),
};

export const displaySchema = z.discriminatedUnion('transport', [
  z.strictObject({
    transport: z.literal('serial'),
    path,
    baud,
    commandSet: z.enum(['epson', 'cd5220']).default('epson'),
    codepage: codepage.default('cp437'),
    ...displayCommon,
  }),
  z.strictObject({
    transport: z.literal('simulated'),
    dir: simulatedDir('devices'),
    ...displayCommon,
  }),
]);

export const scannerSchema = z.discriminatedUnion('transport', [
  z.strictObject({
    transport: z.literal('serial'),
    path,
    baud,
    /** What the scanner sends after each code. */
    suffix: z.enum(['cr', 'lf', 'crlf']).default('cr'),
  }),
  z.strictObject({
    transport: z.literal('simulated'),
    /** Lines appended to this file are scans: `echo 4006381333931 >> data/demo/devices/scanner.in`. */
    file: z.string().min(1).default('devices/scanner.in'),
  }),
]);

export const devicesSchema = z
  .strictObject({
    printer: printerSchema.optional(),
    drawer: drawerSchema.optional(),
    display: displaySchema.optional(),
    scanner: scannerSchema.optional(),
  })
  .refine((d) => !d.drawer || d.printer, {
    message: 'a cash drawer opens through the receipt printer: configure devices.printer too',
    path: ['drawer'],
  });

export type DevicesConfig = z.infer<typeof devicesSchema>;
export type PrinterConfig = z.infer<typeof printerSchema>;
export type DrawerConfig = z.infer<typeof drawerSchema>;
export type DisplayConfig = z.infer<typeof displaySchema>;
export type ScannerConfig = z.infer<typeof scannerSchema>;
