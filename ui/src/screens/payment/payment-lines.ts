/**
 * The payment being taken: lines of (method, typed amount), what they add up
 * to, what is left and the change, all worked out by the domain's own totals
 * so the screen says exactly what the daemon will accept.
 */
import { computeTotals } from '../../../../crdt/pricing.ts';
import type { Line, Payment, PaymentMethod } from '../../../../crdt/schema.ts';

export interface PaymentLine {
  method: PaymentMethod;
  /** As typed ("12.50"); "" is nothing yet. */
  text: string;
}

export interface Tally {
  payments: Payment[];
  paid: number;
  remaining: number;
  change: number;
  /** Every typed amount reads as money. */
  valid: boolean;
  /** Covered, and any change can be given from cash. */
  payable: boolean;
}

export function tally(
  lines: readonly Line[],
  entries: readonly PaymentLine[],
  toMinor: (text: string) => number,
): Tally {
  let valid = true;
  const payments: Payment[] = [];
  for (const entry of entries) {
    if (!entry.text) continue;
    try {
      payments.push({ method: entry.method, amount: toMinor(entry.text) });
    } catch {
      valid = false;
    }
  }
  const totals = computeTotals(lines, payments);
  const cash = payments.filter((p) => p.method === 'cash').reduce((s, p) => s + p.amount, 0);
  const remaining = Math.max(0, totals.total - totals.paid);
  return {
    payments,
    paid: totals.paid,
    remaining,
    change: totals.change,
    valid,
    // a cart discounted to nothing is validated with no payment line
    payable:
      valid &&
      remaining === 0 &&
      totals.change <= cash &&
      (payments.length > 0 || totals.total === 0),
  };
}

/** Banknotes, in major units, offered as quick cash above what is left to pay. */
const NOTES = [5, 10, 20, 50, 100, 200];

/** "Exact" and the next few notes at or above `remaining` (minor units). */
export function quickCash(remaining: number, minorPerUnit: number): number[] {
  if (remaining <= 0) return [];
  const notes = NOTES.map((n) => n * minorPerUnit).filter((n) => n > remaining);
  return [remaining, ...notes.slice(0, 3)];
}
