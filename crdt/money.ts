/**
 * Money is an integer count of minor units (cents). Every multiplication that can
 * produce a fraction goes through `mulDivRound`, which computes in BigInt and
 * rounds half away from zero: the one rounding rule of posmesh.
 */
import { invalid } from './errors.ts';

export type Minor = number;

/**
 * The limits that keep every sum exact, in one place. A unit price, a line and
 * a cart stay far inside the safe integers (2^53), so a cart that can be built
 * can always be paid, and a day's report adds thousands of the largest carts
 * without leaving them. In a two-decimal currency: 100 million per unit,
 * 10 billion per line and per order.
 */
export const MAX_UNIT_PRICE = 10_000_000_000;
export const MAX_LINE_AMOUNT = 1_000_000_000_000;
export const MAX_ORDER_TOTAL = 1_000_000_000_000;

export function assertMinor(value: number, what: string): Minor {
  if (!Number.isSafeInteger(value)) {
    throw invalid('INVALID_AMOUNT', `${what} must be a whole number of minor units, got ${value}`);
  }
  return value === 0 ? 0 : value; // no negative zero in stored amounts
}

/** round(n / d) with halves away from zero; d > 0. */
export function divRoundHalfAway(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/** round(a * b / c), exact for any safe integers; throws if the result is not safe. */
export function mulDivRound(a: number, b: number, c: number): Minor {
  const result = Number(divRoundHalfAway(BigInt(a) * BigInt(b), BigInt(c)));
  return assertMinor(result, 'amount');
}

export function multiply(a: number, b: number, what: string): Minor {
  return assertMinor(a * b, what);
}

/** a + b, or a clear error where a float would silently round. */
export function addMinor(a: Minor, b: Minor, what: string): Minor {
  return assertMinor(a + b, what);
}

// building a NumberFormat loads locale data (~0.1 ms); a receipt or a display line formats many amounts
const formats = new Map<string, Intl.NumberFormat>();
function currencyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale} ${currency}`;
  let format = formats.get(key);
  if (!format)
    formats.set(key, (format = new Intl.NumberFormat(locale, { style: 'currency', currency })));
  return format;
}

/** Decimal places of a currency (EUR 2, JPY 0, KWD 3), from the platform's ICU data. */
export function currencyDecimals(currency: string): number {
  let known = decimals.get(currency);
  if (known === undefined)
    decimals.set(
      currency,
      (known = currencyFormat('en', currency).resolvedOptions().maximumFractionDigits as number),
    );
  return known;
}
const decimals = new Map<string, number>();

/** Minor units to a plain decimal string ("-12.05"), exact. */
export function toDecimalString(minor: Minor, decimals: number): string {
  const negative = minor < 0;
  const digits = Math.abs(minor)
    .toString()
    .padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${frac}` : ''}`;
}

/** Formats with the currency symbol; Intl formats decimal strings exactly. */
export function formatMoney(minor: Minor, currency: string, locale = 'en'): string {
  const decimals = currencyDecimals(currency);
  const exact = toDecimalString(minor, decimals) as `${number}`;
  return currencyFormat(locale, currency).format(exact);
}

/** Parses "12", "12.5", "12,50", "-3.00" into minor units; never through a float. */
export function parseMoney(text: string, decimals: number): Minor {
  const match = /^\s*(-?)(\d+)(?:[.,](\d+))?\s*$/.exec(text);
  if (!match) throw invalid('INVALID_AMOUNT', `"${text}" is not an amount`);
  const [, sign, whole = '', frac = ''] = match;
  if (frac.length > decimals) {
    throw invalid('INVALID_AMOUNT', `"${text}" has more than ${decimals} decimal places`);
  }
  const minor = BigInt(whole + frac.padEnd(decimals, '0'));
  const value = Number(sign === '-' ? -minor : minor);
  return assertMinor(value, `"${text}"`);
}

/** Basis points as a percentage for people: 1250 is "12.5%". */
export function percent(bp: number): string {
  return `${toDecimalString(bp, 2).replace(/\.?0+$/, '')}%`;
}
