/**
 * The UI is a Yjs peer of its own till: it follows documents with the stock
 * y-websocket provider, and a change to a followed document bumps a signal so
 * the views refetch what they show. The daemon's endpoint is read-only.
 */
import { createSignal, onCleanup } from 'solid-js';
import type { Accessor } from 'solid-js';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { currentToken } from './api.ts';

export interface Live {
  version: Accessor<number>;
  connected: Accessor<boolean>;
}

export function follow(name: string): Live {
  const [version, setVersion] = createSignal(0);
  const [connected, setConnected] = createSignal(false);
  const doc = new Y.Doc();
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
  const provider = new WebsocketProvider(url, name, doc, {
    params: { token: currentToken() },
    disableBc: true,
  });
  provider.on('status', (event: { status: string }) => setConnected(event.status === 'connected'));
  doc.on('update', () => setVersion((v) => v + 1));
  onCleanup(() => {
    provider.destroy();
    doc.destroy();
  });
  return { version, connected };
}
