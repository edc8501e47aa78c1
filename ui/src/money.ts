/** Money shown and typed in the till's currency, exact (crdt/money.ts). */
import { formatMoney, parseMoney, currencyDecimals } from '../../crdt/money.ts';

let currency = 'EUR';
export const setCurrency = (code: string): void => {
  currency = code;
};
export const money = (minor: number): string => formatMoney(minor, currency);
/** A typed amount ("12.50") in minor units; throws a clear error on anything else. */
export const typedAmount = (text: string): number => parseMoney(text, currencyDecimals(currency));
