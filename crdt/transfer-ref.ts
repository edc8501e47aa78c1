/**
 * The short reference a person reads on a receipt or a cart tag ("TR-3F9A1C"),
 * from the transfer's UUID: six hex digits tell a day's transfers apart, and the
 * full id stays in the records for the machines.
 */
import type { TransferId } from './ids.ts';

export const shortTransferRef = (id: TransferId | string): string =>
  `TR-${id
    .replace(/[^0-9A-Za-z]/g, '')
    .slice(0, 6)
    .toUpperCase()}`;
