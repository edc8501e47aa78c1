/**
 * The shared documents and the names they travel under. Day documents are per
 * till and per business day, so every key in them has exactly one writer.
 */
import type { TillCode } from './ids.ts';
import { TILL_CODE_PATTERN } from './ids.ts';

export const CATALOGUE_DOC = 'catalogue';
export const SETTINGS_DOC = 'settings';
export const TRANSFERS_DOC = 'transfers';
/** Refund requests and the selling tills' answers (crdt/refund-requests.ts). */
export const REFUNDS_DOC = 'refunds';
/** Staff with their PIN hashes: synced between tills, never served to a browser. */
export const STAFF_DOC = 'staff';

/** Top-level maps of each document. */
export const CATALOGUE = {
  products: 'products',
  categories: 'categories',
  taxes: 'taxes',
} as const;
export const STAFF = { staff: 'staff' } as const;
export const SETTINGS = { mesh: 'mesh', tills: 'tills', identities: 'identities' } as const;
export const TRANSFERS = { transfers: 'transfers', archived: 'archived' } as const;
export const REFUNDS = { requests: 'requests' } as const;
export const DAY = { meta: 'meta', orders: 'orders', cash: 'cash', drawer: 'drawer' } as const;

export interface DayDocRef {
  till: TillCode;
  businessDate: string;
  session: number;
}

export type DocRef =
  | { kind: 'catalogue' }
  | { kind: 'settings' }
  | { kind: 'transfers' }
  | { kind: 'refunds' }
  | { kind: 'staff' }
  | ({ kind: 'day' } & DayDocRef);

export function dayDocName({ till, businessDate, session }: DayDocRef): string {
  return `orders/${till}/${businessDate}${session > 1 ? `-${session}` : ''}`;
}

const DAY_DOC = /^orders\/([A-Z0-9]{1,8})\/(\d{8})(?:-(\d{1,4}))?$/;

/** Parses a document name; undefined for a name that is not one of ours. */
export function parseDocName(name: string): DocRef | undefined {
  if (name === CATALOGUE_DOC) return { kind: 'catalogue' };
  if (name === SETTINGS_DOC) return { kind: 'settings' };
  if (name === TRANSFERS_DOC) return { kind: 'transfers' };
  if (name === REFUNDS_DOC) return { kind: 'refunds' };
  if (name === STAFF_DOC) return { kind: 'staff' };
  const match = DAY_DOC.exec(name);
  if (!match || !TILL_CODE_PATTERN.test(match[1] ?? '')) return undefined;
  const session = match[3] === undefined ? 1 : Number(match[3]);
  if (session < 2 && match[3] !== undefined) return undefined;
  return { kind: 'day', till: match[1] as TillCode, businessDate: match[2] ?? '', session };
}
