/**
 * The UI is a Yjs peer of its own till: it keeps a replica of each document
 * it follows in IndexedDB (y-indexeddb), so a screen opens at once from what
 * it last knew, survives a reload and a daemon restart, and catches up through
 * the stock y-websocket provider when the daemon answers. The daemon's
 * endpoint is read-only: changes are requests to the API, and come back here.
 */
import { createSignal, onCleanup } from 'solid-js';
import type { Accessor } from 'solid-js';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { currentToken } from './api.ts';

export interface Live {
  doc: Y.Doc;
  /** Bumps on every change of the document, from the daemon or from the replica. */
  version: Accessor<number>;
  /** The socket to the daemon is open. */
  connected: Accessor<boolean>;
  /** The replica was read from IndexedDB (what the screen shows before the daemon answers). */
  restored: Accessor<boolean>;
}

let scope = 'till';
/** Replicas are kept per till: one browser may have served two tills. */
export const setReplicaScope = (till: string): void => {
  scope = till;
};
export const replicaName = (doc: string): string => `posmesh:${scope}:${doc}`;

export function follow(name: string): Live {
  const [version, setVersion] = createSignal(0);
  const [connected, setConnected] = createSignal(false);
  const [restored, setRestored] = createSignal(false);
  const doc = new Y.Doc();
  const replica = new IndexeddbPersistence(replicaName(name), doc);
  void replica.whenSynced.then(() => setRestored(true));
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
  const provider = new WebsocketProvider(url, name, doc, {
    params: { token: currentToken() },
    disableBc: true,
  });
  provider.on('status', (event: { status: string }) => setConnected(event.status === 'connected'));
  doc.on('update', () => setVersion((v) => v + 1));
  onCleanup(() => {
    provider.destroy();
    void replica.destroy();
    doc.destroy();
  });
  return { doc, version, connected, restored };
}
