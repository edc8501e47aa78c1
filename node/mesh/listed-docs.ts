/**
 * Which documents a till names to its peers: the live ones it syncs, and in its
 * hello the most recent closed days as well, so a till that was away when a day
 * closed still learns of it (and asks for it). Anti-entropy's digest covers the
 * same list.
 */
import { parseDocName } from '../../crdt/documents.ts';
import type { DocHost } from '../docs/doc-host.ts';
import { MAX_HELLO_DOCS } from './wire.ts';

/** Closed days announced in a hello, newest first. */
export const RECENT_CLOSED_DAYS = 200;

/** Shared documents first, then business days from the newest (date, then session) back. */
export function newestFirst(names: readonly string[]): string[] {
  const days: Array<{ name: string; key: string }> = [];
  const shared: string[] = [];
  for (const name of names) {
    const ref = parseDocName(name);
    if (ref?.kind === 'day')
      days.push({ name, key: `${ref.businessDate}-${String(ref.session).padStart(4, '0')}` });
    else shared.push(name);
  }
  days.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  return [...shared, ...days.map((d) => d.name)];
}

/** The documents this till syncs live: loaded, of a kind it knows. */
export function liveDocs(docs: DocHost): string[] {
  return docs.names().filter((name) => parseDocName(name) !== undefined);
}

/**
 * The live documents and the most recent closed days, capped to what a hello may
 * carry; a hub (the relay) keeps the closed days for the tills that were away and
 * offers as many as fit.
 */
export function helloDocs(docs: DocHost, hub: boolean): string[] {
  // a hub may hold more live days than a hello carries: leave out the oldest, never the
  // newest, which a till coming back is the one to lack
  const live = newestFirst(liveDocs(docs)).slice(0, MAX_HELLO_DOCS);
  const recent = hub ? MAX_HELLO_DOCS : RECENT_CLOSED_DAYS;
  const closed = newestFirst(
    docs.closedNames().filter((name) => parseDocName(name)?.kind === 'day'),
  ).slice(0, Math.max(0, Math.min(recent, MAX_HELLO_DOCS - live.length)));
  return [...live, ...closed];
}
