import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTotals, lineAmounts, parseBasisPoints } from '../../crdt/pricing.ts';
import type { LineId, ProductId, TaxId } from '../../crdt/ids.ts';
import type { Line } from '../../crdt/schema.ts';

/**
 * An exact reference, written independently of the code under test: every value
 * is a fraction of BigInts, rounded only where the rules say so, with a
 * different rounding routine.
 */
function roundHalfAway(num: bigint, den: bigint): bigint {
  const negative = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  const floor = n / d;
  const rest = n - floor * d;
  const up = rest * 2n >= d ? floor + 1n : floor;
  return negative ? -up : up;
}

function reference(lines: Line[]) {
  let net = 0n;
  const groups = new Map<string, { rate: bigint; included: boolean; sum: bigint }>();
  for (const l of lines) {
    const unit = BigInt(l.priceOverride ?? l.unitPrice);
    const gross = unit * BigInt(l.qty);
    const amount = gross - roundHalfAway(gross * BigInt(l.discountBp), 10_000n);
    net += amount;
    const key = `${l.tax.id}|${l.tax.rateBp}|${l.tax.included}`;
    const g = groups.get(key) ?? { rate: BigInt(l.tax.rateBp), included: l.tax.included, sum: 0n };
    g.sum += amount;
    groups.set(key, g);
  }
  let excluded = 0n;
  let taxTotal = 0n;
  for (const g of groups.values()) {
    // included: tax = sum - sum / (1 + r), i.e. sum * r / (1 + r)
    const tax = g.included
      ? roundHalfAway(g.sum * g.rate, 10_000n + g.rate)
      : roundHalfAway(g.sum * g.rate, 10_000n);
    taxTotal += tax;
    if (!g.included) excluded += tax;
  }
  return { net: Number(net), taxTotal: Number(taxTotal), total: Number(net + excluded) };
}

const taxArb = fc.constantFrom(
  { id: 'vat20' as TaxId, name: 'VAT 20%', rateBp: 2000, included: true },
  { id: 'vat55' as TaxId, name: 'VAT 5.5%', rateBp: 550, included: true },
  { id: 'st8' as TaxId, name: 'Sales 8.875%', rateBp: 888, included: false },
  { id: 'zero' as TaxId, name: 'Zero', rateBp: 0, included: true },
);

const lineArb = (sign: 1 | -1) =>
  fc
    .record({
      unitPrice: fc.integer({ min: 0, max: 10_000_000 }),
      override: fc.option(fc.integer({ min: 0, max: 10_000_000 })),
      qty: fc.integer({ min: 1, max: 1000 }),
      discountBp: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000 })),
      tax: taxArb,
    })
    .map((r, i = 0): Line => ({
      id: `l${i}` as LineId,
      productId: 'p' as ProductId,
      name: 'x',
      barcode: null,
      qty: sign * r.qty,
      unitPrice: r.unitPrice,
      priceOverride: r.override,
      discountBp: r.discountBp,
      tax: r.tax,
      refundOfLine: null,
      fixedAmount: null,
      weightGrams: null,
    }));

describe('pricing', () => {
  it('matches the exact reference for any cart', () => {
    fc.assert(
      fc.property(fc.array(lineArb(1), { maxLength: 30 }), (lines) => {
        const totals = computeTotals(lines);
        const ref = reference(lines);
        expect(totals.net).toBe(ref.net);
        expect(totals.taxTotal).toBe(ref.taxTotal);
        expect(totals.total).toBe(ref.total);
      }),
    );
  });

  it('keeps its internal sums consistent', () => {
    fc.assert(
      fc.property(fc.array(lineArb(1), { maxLength: 30 }), (lines) => {
        const t = computeTotals(lines);
        expect(t.gross - t.discount).toBe(t.net);
        const baseAndIncludedTax = t.taxes.reduce(
          (s, g) => s + g.base + (g.included ? g.tax : 0),
          0,
        );
        expect(baseAndIncludedTax).toBe(t.net);
        for (const v of [t.gross, t.discount, t.net, t.taxTotal, t.total])
          expect(Number.isInteger(v)).toBe(true);
      }),
    );
  });

  it('refunds a whole cart to the exact negative of the sale', () => {
    fc.assert(
      fc.property(fc.array(lineArb(1), { minLength: 1, maxLength: 20 }), (lines) => {
        const sale = computeTotals(lines);
        const refund = computeTotals(lines.map((l) => ({ ...l, qty: -l.qty })));
        expect(refund.total + sale.total).toBe(0);
        expect(refund.taxTotal + sale.taxTotal).toBe(0);
      }),
    );
  });

  it('computes known receipts', () => {
    const line = (
      unitPrice: number,
      qty: number,
      rateBp: number,
      included: boolean,
      discountBp = 0,
    ): Line => ({
      id: 'l' as LineId,
      productId: 'p' as ProductId,
      name: 'x',
      barcode: null,
      qty,
      unitPrice,
      priceOverride: null,
      discountBp,
      tax: { id: `t${rateBp}${included}` as TaxId, name: 't', rateBp, included },
      refundOfLine: null,
      fixedAmount: null,
      weightGrams: null,
    });
    // 3 x 1.20 incl. 20 %: 3.60, tax 0.60
    const a = computeTotals([line(120, 3, 2000, true)]);
    expect([a.total, a.taxTotal, a.taxes[0]?.base]).toEqual([360, 60, 300]);
    // 10.00 + 8 % excluded: 10.80
    const b = computeTotals([line(1000, 1, 800, false)]);
    expect([b.total, b.taxTotal]).toEqual([1080, 80]);
    // 15 % off 0.99 x 3 = 2.97 - 0.4455 -> 0.45 off: 2.52
    expect(lineAmounts(line(99, 3, 0, true, 1500))).toEqual({
      gross: 297,
      discount: 45,
      amount: 252,
    });
    // tax per rate on the sum: 10 x 0.05 at 20 % incl. = 0.50 -> 0.08 (per line it would be 10 x 0.01)
    const c = computeTotals(Array.from({ length: 10 }, () => line(5, 1, 2000, true)));
    expect(c.taxTotal).toBe(8);
  });

  it('reports change only when overpaid', () => {
    const lines: Line[] = [
      {
        id: 'l' as LineId,
        productId: 'p' as ProductId,
        name: 'x',
        barcode: null,
        qty: 1,
        unitPrice: 1350,
        priceOverride: null,
        discountBp: 0,
        tax: { id: 't' as TaxId, name: 't', rateBp: 0, included: true },
        refundOfLine: null,
        fixedAmount: null,
        weightGrams: null,
      },
    ];
    expect(computeTotals(lines, [{ method: 'cash', amount: 2000 }]).change).toBe(650);
    expect(computeTotals(lines, [{ method: 'cash', amount: 1000 }]).change).toBe(0);
  });

  it('reads a typed percent as exact basis points, refusing what is not 0 to 100', () => {
    expect(parseBasisPoints('12')).toBe(1_200);
    expect(parseBasisPoints('12.5')).toBe(1_250);
    expect(parseBasisPoints('5,5')).toBe(550);
    expect(parseBasisPoints('0.01')).toBe(1);
    expect(parseBasisPoints('100')).toBe(10_000);
    for (const bad of ['100.01', '-5', '12.345', 'ten', ''])
      expect(() => parseBasisPoints(bad)).toThrow(/percent|amount|decimal/);
  });
});
