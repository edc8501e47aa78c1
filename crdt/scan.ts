/**
 * What a scanned code means, before any catalogue lookup: one of our order
 * numbers, a GS1 product code (check digit verified, so a misread is caught at
 * the till rather than looked up as a different product), a scale label, or an
 * in-store code. Pure: bad input gives 'invalid', never an exception.
 */
import { gs1CheckDigit, hasValidCheckDigit, withCheckDigit } from './ean.ts';
import { parseOrderNumber } from './order-number.ts';

/** A GS1 restricted-circulation layout (prefix 20–29) used by scales and price labels. */
export interface ScaleLayout {
  /** Two digits, '20'..'29'. */
  prefix: string;
  kind: 'price' | 'weight';
  /** Item reference digits right after the prefix. */
  itemDigits: number;
  /** Price in minor units, or weight in grams; itemDigits + valueDigits === 10. */
  valueDigits: number;
}

/** `lookup`: the keys to look up in the catalogue, in order. */
export type ScanResult =
  | { kind: 'product'; code: string; lookup: string[] }
  | { kind: 'scale'; code: string; layout: ScaleLayout; lookup: string[]; value: number }
  | { kind: 'order'; number: string }
  | { kind: 'invalid'; code: string; reason: string };

// Serial scanners end with CR/LF; pasted or wedge input can carry other junk.
const EDGES = /^[\s\p{Cc}]+|[\s\p{Cc}]+$/gu;
// AIM symbology identifier (ISO/IEC 15424): ']', a code letter, a modifier.
const AIM_ID = /^\][A-Za-z][0-9A-Za-z]/;
// Receipt QR codes: "posmesh:<number>" with room for a signature after it.
const RECEIPT = /^posmesh:([^:]*)(?::.*)?$/is;
const IN_STORE = /^[0-9A-Za-z-]{1,32}$/;
const DIGITS = /^\d+$/;

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;

/** null when the layout is usable, else why not, in words. */
export function checkScaleLayout(layout: ScaleLayout): string | null {
  // Layouts come from synced shop settings, so the field types are checked too.
  if (typeof layout !== 'object' || layout === null) return 'a scale layout must be an object';
  const { prefix, kind, itemDigits, valueDigits } = layout;
  if (typeof prefix !== 'string' || !/^2\d$/.test(prefix)) {
    return 'the prefix must be two digits from 20 to 29';
  }
  if (kind !== 'price' && kind !== 'weight') return "the kind must be 'price' or 'weight'";
  if (!isCount(itemDigits)) return 'the item digits must be a whole number, at least 1';
  if (!isCount(valueDigits)) return 'the value digits must be a whole number, at least 1';
  if (itemDigits + valueDigits !== 10) {
    return `item and value digits must add up to 10, not ${itemDigits + valueDigits}`;
  }
  return null;
}

export function classifyScan(raw: string, layouts: readonly ScaleLayout[]): ScanResult {
  const code = normalize(raw);
  if (code === '') return invalid(code, 'nothing was read: scan again');

  const receipt = RECEIPT.exec(code);
  const number = receipt ? (receipt[1] ?? '') : code;
  if (parseOrderNumber(number)) return { kind: 'order', number };
  if (receipt) return invalid(code, 'this receipt code is not one of ours or is damaged');

  if (DIGITS.test(code)) {
    if (code.length === 8) return eightDigits(code);
    if (code.length >= 12 && code.length <= 14) return gtin(code, layouts);
  }
  return IN_STORE.test(code)
    ? product(code, [code])
    : invalid(code, 'not a barcode this till reads');
}

function normalize(raw: string): string {
  if (typeof raw !== 'string') return '';
  const trimmed = raw.replace(EDGES, '');
  return AIM_ID.test(trimmed) ? trimmed.slice(3).replace(EDGES, '') : trimmed;
}

/** UPC-A (12), EAN-13 (13) or GTIN-14 (14): one check-digit rule for all. */
function gtin(code: string, layouts: readonly ScaleLayout[]): ScanResult {
  const expected = gs1CheckDigit(code.slice(0, -1));
  if (expected !== Number(code.at(-1))) return wrongCheck(code, `${expected}`);
  if (code.length === 13) {
    const prefix = code.slice(0, 2);
    // First usable layout wins; a broken one in settings must not break scanning.
    const layout = layouts.find((l) => l.prefix === prefix && checkScaleLayout(l) === null);
    if (layout) return scale(code, layout);
  }
  return product(code, gtinForms(code));
}

function scale(code: string, layout: ScaleLayout): ScanResult {
  const itemEnd = 2 + layout.itemDigits;
  const item = code.slice(2, itemEnd);
  // Odoo's nomenclature stores the label with the value zeroed and the check redone.
  const zeroed = withCheckDigit(code.slice(0, itemEnd).padEnd(12, '0'));
  const value = Number(code.slice(itemEnd, 12));
  return { kind: 'scale', code, layout, lookup: [layout.prefix + item, zeroed], value };
}

/** EAN-8, or UPC-E (number system 0 or 1); some codes are valid as both. */
function eightDigits(code: string): ScanResult {
  const ean8 = hasValidCheckDigit(code);
  const upcA = /^[01]/.test(code) ? expandUpcE(code) : undefined;
  const upcE = upcA !== undefined && hasValidCheckDigit(upcA);
  if (ean8 || upcE) return product(code, upcE ? [code, ...gtinForms(upcA)] : [code]);

  const asEan8 = gs1CheckDigit(code.slice(0, 7));
  const asUpcE = upcA === undefined ? asEan8 : gs1CheckDigit(upcA.slice(0, 11));
  const expected = asUpcE === asEan8 ? `${asEan8}` : `${asEan8} as EAN-8 or ${asUpcE} as UPC-E`;
  return wrongCheck(code, expected);
}

/**
 * UPC-E → UPC-A, by the 6th digit: 0–2 is the 3rd manufacturer digit, 3 and 4
 * say how many manufacturer digits there are, 5–9 is the last product digit.
 * The UPC-E check digit is the UPC-A's, so it is carried over unchanged.
 */
function expandUpcE(code: string): string {
  const d = code.slice(1, 7);
  const last = d.charAt(5);
  let body: string;
  if (last <= '2') body = `${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
  else if (last === '3') body = `${d.slice(0, 3)}00000${d.slice(3, 5)}`;
  else if (last === '4') body = `${d.slice(0, 4)}00000${d.charAt(4)}`;
  else body = `${d.slice(0, 5)}0000${last}`;
  return `${code.charAt(0)}${body}${code.charAt(7)}`;
}

/**
 * The same GTIN at the other lengths a catalogue may have stored: a leading 0
 * is only padding between GTIN-14, EAN-13 and UPC-A.
 */
function gtinForms(code: string): string[] {
  const forms = [code];
  if (code.length === 12) forms.push(`0${code}`);
  for (let c = code; c.length > 12 && c.startsWith('0');) {
    c = c.slice(1);
    forms.push(c);
  }
  return forms;
}

const product = (code: string, lookup: string[]): ScanResult => ({
  kind: 'product',
  code,
  lookup: [...new Set(lookup)],
});

const invalid = (code: string, reason: string): ScanResult => ({ kind: 'invalid', code, reason });

const wrongCheck = (code: string, expected: string): ScanResult =>
  invalid(code, `check digit of ${code} is wrong (expected ${expected}): scan again`);
