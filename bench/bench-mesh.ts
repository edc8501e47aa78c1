/** In-process meshes of real tills (SQLite files, libp2p on loopback) for the mesh benchmarks. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadOrCreateIdentity } from '../node/identity.ts';
import { join } from 'node:path';
import * as Y from 'yjs';
import { createLogger } from '../node/log.ts';
import { Mesh, tillMeshHost } from '../node/mesh/mesh.ts';
import { loadOrCreateMeshSecret } from '../node/mesh/mesh-secret.ts';
import type { Till } from '../node/till/till.ts';
import type { BenchDir } from './bench-till.ts';
import { benchDir, openBenchTill } from './bench-till.ts';
import type { Daemon } from '../tests/helpers/daemon.ts';
import { startDaemon } from '../tests/helpers/daemon.ts';
import { freePort } from '../tests/helpers/net.ts';

export interface BenchNode {
  dir: BenchDir;
  /** Absent for tills that run as child processes. */
  till: Till | undefined;
  mesh?: Mesh;
  port: number;
  daemon?: Daemon;
}

export type LocalNode = BenchNode & { till: Till };
export const local = (nodes: BenchNode[]): LocalNode[] =>
  nodes.filter((n): n is LocalNode => n.till !== undefined);

/** Starts the configured-only tills as real `posmesh till` processes. */
export async function spawnOthers(nodes: BenchNode[]): Promise<void> {
  await Promise.all(
    nodes
      .filter((n) => !n.till)
      .map(
        async (n) =>
          (n.daemon = await startDaemon(n.dir.configFile, { POSMESH_LOG_LEVEL: 'info' }, 120_000)),
      ),
  );
}

/**
 * n tills, each configured with every other as a static peer, meshes not yet
 * started. The first `inProcess` are opened here; the rest are only configured
 * (see `spawnOthers`): thirty tills in one event loop would measure the loop,
 * not the mesh.
 */
export async function benchTills(n: number, inProcess = n): Promise<BenchNode[]> {
  const ports = await Promise.all(Array.from({ length: n }, freePort));
  const dirs = Array.from({ length: n }, (_, i) => benchDir(`M${i}`));
  // identities first, so every static peer address carries its peer id (only the lower id dials)
  const ids = await Promise.all(
    dirs.map(async (dir) => {
      mkdirSync(join(dir.path, 'data'), { recursive: true });
      return (await loadOrCreateIdentity(join(dir.path, 'data'))).peerId;
    }),
  );
  const nodes: BenchNode[] = [];
  for (let i = 0; i < n; i++) {
    const dir = dirs[i]!;
    writeFileSync(
      dir.configFile,
      JSON.stringify({
        till: { code: `M${i}`, name: `Mesh bench ${i}` },
        dataDir: 'data',
        http: { port: 0 },
        mesh: {
          listen: [`/ip4/127.0.0.1/tcp/${ports[i]}`],
          mdns: false,
          peers: ports.flatMap((p, j) =>
            j === i ? [] : [`/ip4/127.0.0.1/tcp/${p}/p2p/${ids[j]}`],
          ),
          secretFile: join(dirs[0]!.path, 'mesh.secret'),
        },
        // one till seeds the demo shop, the others get it by sync, as in a real shop
        demo: i === 0,
      }),
    );
    nodes.push({
      dir,
      till: i < inProcess ? await openBenchTill(dir) : undefined,
      port: ports[i]!,
    });
  }
  return nodes;
}

export async function startMeshes(
  nodes: BenchNode[],
  log = createLogger({ component: 'bench', level: 'silent' }),
): Promise<void> {
  await Promise.all(
    local(nodes).map(async (node) => {
      const config = node.till.config;
      const { secret } = loadOrCreateMeshSecret(join(nodes[0]!.dir.path, 'mesh.secret'));
      node.mesh = await Mesh.start({
        host: tillMeshHost(node.till),
        config: config.mesh,
        secret,
        log,
      });
    }),
  );
}

export async function stopAll(nodes: BenchNode[]): Promise<void> {
  for (const node of nodes) {
    await node.mesh?.stop();
    node.till?.close();
    await node.daemon?.stop();
    node.dir.remove();
  }
}

export async function until(
  check: () => boolean,
  timeoutMs = 120_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Every till holds every document with the same state vector. */
export function converged(nodes: LocalNode[]): boolean {
  const names = new Set(nodes.flatMap((n) => n.till.ctx.docs.names()));
  for (const name of names) {
    const vectors = nodes.map((n) => {
      const doc = n.till.ctx.docs.get(name);
      return doc ? Buffer.from(Y.encodeStateVector(doc)).toString('base64') : '';
    });
    if (vectors.some((v) => v !== vectors[0])) return false;
  }
  return true;
}
