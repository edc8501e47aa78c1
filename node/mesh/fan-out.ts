/**
 * Where an update goes once it landed in a document: a local change to every
 * peer; a peer's change to no one in a full mesh, and when forwarding (a hub, or
 * ring neighbours) to the other peers as a HAVE, or whole to a peer too old for
 * HAVEs and for an update that only deletes.
 */
import * as Y from 'yjs';
import type { UpdateOrigin } from '../docs/origins.ts';
import type { SyncSession } from './sync-session.ts';

/** Peers of this version and later take forwarded updates as HAVE announcements. */
const HAVE_SINCE_VERSION = 2;

export function fanOut(
  sessions: ReadonlyMap<string, SyncSession>,
  doc: string,
  update: Uint8Array,
  origin: UpdateOrigin,
  forwarding: () => boolean,
): void {
  if (origin.source !== 'peer') {
    for (const session of sessions.values()) session.queueUpdate(doc, update);
    return;
  }
  if (!forwarding()) return;
  // what the update reaches; none when it only deletes (small: it goes whole)
  const reach = Y.parseUpdateMeta(update).to;
  for (const session of sessions.values()) {
    if (origin.peer === session.peer) continue;
    if (reach.size > 0 && (session.peerVersion ?? 0) >= HAVE_SINCE_VERSION)
      session.queueHave(doc, reach);
    else session.queueUpdate(doc, update);
  }
}
