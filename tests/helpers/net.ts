/** Loopback helpers for multi-till process tests. */
import { createServer } from 'node:net';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { canonical } from './mesh.ts';
import { waitFor } from './wait-for.ts';

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A document of a running till as the standard y-websocket client sees it. */
export async function readDoc(
  baseUrl: string,
  token: string,
  name: string,
): Promise<{ sv: string; json: unknown }> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl}sync`, name, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  try {
    await waitFor(() => provider.synced, { what: `sync of ${name}`, timeoutMs: 10_000 });
    const json: Record<string, unknown> = {};
    for (const key of [...doc.share.keys()].sort())
      if (doc.getMap(key).size > 0) json[key] = doc.getMap(key).toJSON();
    return { sv: Buffer.from(Y.encodeStateVector(doc)).toString('base64'), json: canonical(json) };
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

/** Every document a till serves to the UI, keyed by name; equal strings when tills converged. */
export async function servedDocuments(baseUrl: string, token: string): Promise<string> {
  const response = await fetch(new URL('/api/status', baseUrl), {
    headers: { authorization: `Bearer ${token}` },
  });
  const status = (await response.json()) as { docs: Array<{ name: string }> };
  const names = status.docs.map((d) => d.name).filter((n) => n !== 'staff');
  const docs: Record<string, unknown> = {};
  for (const name of names.sort()) docs[name] = await readDoc(baseUrl, token, name);
  return JSON.stringify(docs);
}
