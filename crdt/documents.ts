/**
 * The shared documents and the names they travel under. Day documents are per
 * till and per business day, and carry a tag of the writing till's key: two
 * tills given one code (a duplicate) never share a day, so every document has
 * exactly one writer.
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
  /** The writer's key tag (writerTag); absent in the days of an older posmesh. */
  writer?: string | undefined;
}

export const WRITER_TAG_PATTERN = /^[A-Za-z0-9]{8}$/;

/** The end of a till's peer id, in the names of the days it writes. */
export function writerTag(peerId: string): string {
  return peerId.slice(-8);
}

export type DocRef =
  | { kind: 'catalogue' }
  | { kind: 'settings' }
  | { kind: 'transfers' }
  | { kind: 'refunds' }
  | { kind: 'staff' }
  | ({ kind: 'day' } & DayDocRef);

export function dayDocName({ till, businessDate, session, writer }: DayDocRef): string {
  return `orders/${till}/${businessDate}${session > 1 ? `-${session}` : ''}${writer ? `/${writer}` : ''}`;
}

const DAY_DOC = /^orders\/([A-Z0-9]{1,8})\/(\d{8})(?:-(\d{1,4}))?(?:\/([A-Za-z0-9]{8}))?$/;

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
  const ref = { kind: 'day', till: match[1] as TillCode, businessDate: match[2] ?? '', session };
  return match[4] === undefined ? (ref as DocRef) : ({ ...ref, writer: match[4] } as DocRef);
}
