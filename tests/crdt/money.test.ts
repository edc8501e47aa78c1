import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currencyDecimals,
  divRoundHalfAway,
  formatMoney,
  mulDivRound,
  parseMoney,
  toDecimalString,
} from '../../crdt/money.ts';
import { DomainError } from '../../crdt/errors.ts';

/** Reference: round |n|/d half up with integer arithmetic, then restore the sign. */
function referenceRound(n: bigint, d: bigint): bigint {
  const abs = n < 0n ? -n : n;
  const rounded = (2n * abs + d) / (2n * d);
  return n < 0n ? -rounded : rounded;
}

describe('money', () => {
  it('rounds half away from zero, exactly, for any integers', () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 18n), 10n ** 18n), fc.bigInt(1n, 10n ** 9n), (n, d) => {
        expect(divRoundHalfAway(n, d)).toBe(referenceRound(n, d));
      }),
    );
  });

  it('rounds the halves the documented way', () => {
    expect(mulDivRound(5, 1, 10)).toBe(1);
    expect(mulDivRound(-5, 1, 10)).toBe(-1);
    expect(mulDivRound(4, 1, 10)).toBe(0);
    expect(mulDivRound(15, 1, 10)).toBe(2);
    expect(mulDivRound(-15, 1, 10)).toBe(-2);
  });

  it('stays exact where floats are not', () => {
    // 0.1 + 0.2 style trap: 1005 * 5 / 10 = 502.5 -> 503 (floats give 502.49999)
    expect(mulDivRound(1005, 5, 10)).toBe(503);
    // beyond 2^53 in the intermediate product
    expect(mulDivRound(9_000_000_000_000, 9_999, 10_000)).toBe(8_999_100_000_000);
  });

  it('refuses amounts that are not safe integers', () => {
    expect(() => mulDivRound(Number.MAX_SAFE_INTEGER, 10, 1)).toThrow(DomainError);
  });

  it('parses and prints decimal amounts without floats, round trip', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom(0, 2, 3),
        (minor, decimals) => {
          expect(parseMoney(toDecimalString(minor, decimals), decimals)).toBe(minor);
        },
      ),
    );
    expect(parseMoney('12,5', 2)).toBe(1250);
    expect(parseMoney('0.07', 2)).toBe(7);
    expect(toDecimalString(-5, 2)).toBe('-0.05');
  });

  it('rejects malformed amounts with the text in the message', () => {
    expect(() => parseMoney('1.234', 2)).toThrow(/more than 2 decimal places/);
    expect(() => parseMoney('12a', 2)).toThrow(/"12a" is not an amount/);
    expect(() => parseMoney('', 2)).toThrow(DomainError);
  });

  it('knows currency decimals and formats exactly', () => {
    expect(currencyDecimals('EUR')).toBe(2);
    expect(currencyDecimals('JPY')).toBe(0);
    expect(currencyDecimals('KWD')).toBe(3);
    expect(formatMoney(123456789012345, 'EUR', 'en')).toBe('€1,234,567,890,123.45');
    expect(formatMoney(-5, 'EUR', 'en')).toBe('-€0.05');
  });
});
