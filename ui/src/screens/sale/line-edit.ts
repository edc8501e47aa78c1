/** What the numpad's typed text means in each mode: a quantity, a discount in percent, a unit price. */
import { invalid } from '../../../../crdt/errors.ts';
import { parseBasisPoints } from '../../../../crdt/pricing.ts';
import type { LineEdit } from './cart-store.ts';

export type EditMode = 'qty' | 'disc' | 'price';

/** The edit the typed text asks for; throws a clear error on text that is not one. */
export function lineEdit(
  mode: EditMode,
  text: string,
  toMinor: (text: string) => number,
): LineEdit {
  if (mode === 'qty') {
    if (!/^\d+$/.test(text.trim()))
      throw invalid('INVALID_QTY', `"${text}" is not a whole quantity`, { text });
    return { qty: Number(text) };
  }
  if (mode === 'disc') return { discountBp: parseBasisPoints(text) };
  return { price: toMinor(text) };
}
