/** Loopback helpers for multi-till process tests. */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { canonical } from './mesh.ts';
import { waitFor } from './wait-for.ts';

/**
 * A TCP port free on 127.0.0.1 right now, below the kernel's ephemeral range: a port
 * the kernel handed out from that range could be taken, before the till binds it, as
 * the source port of a connection another till dials (the 30-till benchmark lost a
 * run to that). Random, so parallel test files rarely try the same one; never twice
 * in one process.
 */
export async function freePort(): Promise<number> {
  below ??= ephemeralFrom();
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOWEST_PORT + Math.floor(Math.random() * (below - LOWEST_PORT));
    if (handedOut.has(port)) continue;
    // taken before the check, so that calls at once never hand out one port twice
    handedOut.add(port);
    if (await bindable(port)) return port;
  }
  throw new Error(`no free TCP port on 127.0.0.1 between ${LOWEST_PORT} and ${below}`);
}

const LOWEST_PORT = 20_000;
const handedOut = new Set<number>();
/** The ports handed out lie below this: read once. */
let below: number | undefined;

function ephemeralFrom(): number {
  const [from] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number);
  // a range starting lower than ours leaves ours as it is: a rare clash beats no port
  return Math.max(LOWEST_PORT + 1_000, Math.min(from ?? 32_768, 32_768));
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
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
