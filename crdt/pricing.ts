/**
 * Line and order totals. The rules, in one place:
 * - a line's gross is (price override, else locked unit price) x quantity; a
 *   weighed line's unit is round(price per kg x grams / 1000);
 * - its discount is gross x discount% rounded half away from zero, per line;
 * - tax is computed per tax rate on the sum of the line amounts at that rate,
 *   rounded half away from zero (so many small lines do not pile up rounding);
 * - an included tax is extracted from the amount (amount x r / (1 + r)); an
 *   excluded tax is added on top (amount x r);
 * - total = sum of line amounts + excluded taxes.
 */
import type { Minor } from './money.ts';
import { invalid } from './errors.ts';
import { addMinor, assertMinor, mulDivRound, multiply, parseMoney } from './money.ts';
import type { Line, Order, Payment, TaxTotal, Totals } from './schema.ts';

export const BP = 10_000;
export const GRAMS_PER_KG = 1_000;

export interface LineAmounts {
  gross: Minor;
  discount: Minor;
  amount: Minor;
}

export const effectiveUnitPrice = (line: Pick<Line, 'unitPrice' | 'priceOverride'>): Minor =>
  line.priceOverride ?? line.unitPrice;

/** A unit's price: per piece, or for a weighed line the price per kg times the weight. */
export const unitAmount = (
  line: Pick<Line, 'unitPrice' | 'priceOverride' | 'weightGrams'>,
): Minor =>
  line.weightGrams === null
    ? effectiveUnitPrice(line)
    : mulDivRound(effectiveUnitPrice(line), line.weightGrams, GRAMS_PER_KG);

export function lineAmounts(
  line: Pick<
    Line,
    'unitPrice' | 'priceOverride' | 'qty' | 'discountBp' | 'fixedAmount' | 'weightGrams'
  >,
): LineAmounts {
  const gross = multiply(unitAmount(line), line.qty, 'line total');
  if (line.fixedAmount !== null) {
    return { gross, discount: gross - line.fixedAmount, amount: line.fixedAmount };
  }
  const discount = mulDivRound(gross, line.discountBp, BP);
  return { gross, discount, amount: gross - discount };
}

export function taxTotals(lines: readonly Line[]): TaxTotal[] {
  const groups = new Map<string, TaxTotal>();
  for (const line of lines) {
    const key = `${line.tax.id}|${line.tax.rateBp}|${line.tax.included}`;
    const group = groups.get(key) ?? {
      taxId: line.tax.id,
      name: line.tax.name,
      rateBp: line.tax.rateBp,
      included: line.tax.included,
      base: 0,
      tax: 0,
    };
    group.base = addMinor(group.base, lineAmounts(line).amount, 'tax base');
    groups.set(key, group);
  }
  const result = [...groups.values()].map((group) => {
    const sum = group.base;
    const tax = group.included
      ? mulDivRound(sum, group.rateBp, BP + group.rateBp)
      : mulDivRound(sum, group.rateBp, BP);
    return { ...group, base: group.included ? sum - tax : sum, tax };
  });
  return result.sort((a, b) => a.rateBp - b.rateBp || a.taxId.localeCompare(b.taxId));
}

export function sumPayments(payments: readonly Payment[]): Minor {
  return payments.reduce((sum, p) => addMinor(sum, p.amount, 'payments'), 0);
}

/** `fixedTaxes` replaces the computed taxes (a refund's exact shares of the original's). */
export function computeTotals(
  lines: readonly Line[],
  payments: readonly Payment[] = [],
  fixedTaxes: readonly TaxTotal[] | null = null,
): Totals {
  let gross = 0;
  let discount = 0;
  for (const line of lines) {
    const amounts = lineAmounts(line);
    gross = addMinor(gross, amounts.gross, 'order total');
    discount = addMinor(discount, amounts.discount, 'order discount');
  }
  const net = gross - discount;
  const taxes = fixedTaxes ? fixedTaxes.map((t) => ({ ...t })) : taxTotals(lines);
  const taxTotal = taxes.reduce((sum, t) => addMinor(sum, t.tax, 'tax'), 0);
  const excluded = taxes
    .filter((t) => !t.included)
    .reduce((sum, t) => addMinor(sum, t.tax, 'tax'), 0);
  const total = assertMinor(net + excluded, 'order total');
  const paid = sumPayments(payments);
  const change = total >= 0 && paid > total ? paid - total : 0;
  return { gross, discount, net, taxes, taxTotal, total, paid, change };
}

/** An order with its totals: frozen ones once paid, worked out from its lines while open. */
export function withTotals(order: Order): Order & { totals: Totals } {
  return order.totals
    ? { ...order, totals: order.totals }
    : { ...order, totals: computeTotals(order.lines, order.payments, order.fixedTaxes) };
}

/** A percent as typed ("12", "12.5", "5,5") in basis points (1,250; 550), exact; a clear error otherwise. */
export function parseBasisPoints(text: string): number {
  const bp = parseMoney(text, 2); // two decimals of a percent are basis points
  if (bp < 0 || bp > 10_000)
    throw invalid('INVALID_PERCENT', `"${text}" is not a percent from 0 to 100`, { text });
  return bp;
}
