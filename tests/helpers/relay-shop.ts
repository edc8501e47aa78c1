/**
 * A shop for relay tests: tills on loopback that reach a relay (and, on one
 * LAN, each other), the relay joined to their mesh with the same secret, and
 * every process stopped and every file removed at the end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Daemon } from './daemon.ts';
import { ApiClient, startDaemon, startRelay, writeTillConfig } from './daemon.ts';
import { loadOrCreateIdentity } from '../../node/identity.ts';
import { freePort } from './net.ts';
import { tempDir } from './till.ts';
import { waitFor } from './wait-for.ts';

export interface ShopTill {
  daemon: Daemon;
  api: ApiClient;
}

export interface RelayShop {
  tills: Record<string, ShopTill>;
  relay: Daemon;
  relayConfig: string;
  relayDir: string;
  meshId: string;
  /** Starts the relay again (after a stop or a kill -9), from its data. */
  restartRelay(): Promise<Daemon>;
  stop(): Promise<void>;
}

export async function startRelayShop(o: {
  codes: readonly string[];
  /** The relay's archive (`{ postgres: url }`); SQLite in its data directory by default. */
  archive?: Record<string, string>;
  /** The tills reach each other too (one shop LAN); else only the relay (branches). */
  lan?: boolean;
  /** The day's float each till opens with (after all know each other). */
  float?: number;
  /** The tills name the relay by its peer id (`/p2p/…`), so they trust its receipts. */
  trustRelay?: boolean;
  /** More of every till's config (e.g. `journal`). */
  tillConfig?: Record<string, unknown>;
}): Promise<RelayShop> {
  const root = tempDir();
  const secretFile = join(root.path, 'mesh.secret');
  const relayConfig = join(root.path, 'relay.config.json');
  const relayDir = join(root.path, 'relay');
  // the relay's key made before it first starts, so the tills' configs can name it
  if (o.trustRelay) mkdirSync(relayDir, { recursive: true });
  const relayPeer = o.trustRelay ? `/p2p/${(await loadOrCreateIdentity(relayDir)).peerId}` : '';
  const relayAddress = `/ip4/127.0.0.1/tcp/${await freePort()}${relayPeer}`;
  const ports = new Map<string, number>();
  for (const code of o.codes) ports.set(code, await freePort());
  const tills: Record<string, ShopTill> = {};
  let relay: Daemon | undefined;
  const startRelayNow = async () => (relay = await startRelay(relayConfig));
  const stop = async () => {
    for (const t of Object.values(tills)) await t.daemon.stop();
    await relay?.stop();
    root.remove();
  };
  try {
    for (const [i, code] of o.codes.entries()) {
      const config = writeTillConfig(join(root.path, code), {
        ...o.tillConfig,
        till: { code, name: `Till ${code}` },
        mesh: {
          listen: [`/ip4/127.0.0.1/tcp/${ports.get(code)}`],
          mdns: false,
          secretFile,
          peers: o.lan
            ? o.codes.filter((c) => c !== code).map((c) => `/ip4/127.0.0.1/tcp/${ports.get(c)}`)
            : [],
          relays: [relayAddress],
        },
      });
      const daemon = await startDaemon(config);
      tills[code] = { daemon, api: await new ApiClient(daemon.url).login('demo-alice', '1234') };
      if (i > 0) continue;
      // the first till made the mesh (and its secret file): the relay joins it
      writeFileSync(
        relayConfig,
        JSON.stringify({
          role: 'relay',
          name: 'back office',
          dataDir: relayDir,
          http: { port: 0 },
          mesh: { listen: [relayAddress.replace(relayPeer, '')], mdns: false, secretFile },
          ...(o.archive ? { archive: o.archive } : {}),
        }),
      );
      await startRelayNow();
    }
    for (const t of Object.values(tills)) {
      // a joining till opens its day once it has the mesh's settings
      await waitFor(
        async () => (await t.api.call('GET', '/api/settings')).tills.length === o.codes.length,
        { what: 'every till known', timeoutMs: 20_000 },
      );
      if (o.float !== undefined) await t.api.call('POST', '/api/day/open', { float: o.float });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const first = tills[o.codes[0]!]!;
  return {
    tills,
    get relay() {
      return relay!;
    },
    relayConfig,
    relayDir,
    meshId: (await first.api.call('GET', '/api/status')).mesh.meshId,
    restartRelay: startRelayNow,
    stop,
  };
}
