/** In-process meshes of real tills (SQLite files, libp2p on loopback) for the mesh benchmarks. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { createLogger } from '../node/log.ts';
import { Mesh } from '../node/mesh/mesh.ts';
import { loadOrCreateMeshSecret } from '../node/mesh/mesh-secret.ts';
import type { Till } from '../node/till/till.ts';
import type { BenchDir } from './bench-till.ts';
import { benchDir, openBenchTill } from './bench-till.ts';
import { createServer } from 'node:net';

export interface BenchNode {
  dir: BenchDir;
  till: Till;
  mesh?: Mesh;
  port: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** n tills, each configured with every other as a static peer, meshes not yet started. */
export async function benchTills(n: number): Promise<BenchNode[]> {
  const ports = await Promise.all(Array.from({ length: n }, freePort));
  const nodes: BenchNode[] = [];
  for (let i = 0; i < n; i++) {
    const dir = benchDir(`M${i}`);
    writeFileSync(
      dir.configFile,
      JSON.stringify({
        till: { code: `M${i}`, name: `Mesh bench ${i}` },
        dataDir: 'data',
        http: { port: 0 },
        mesh: {
          listen: [`/ip4/127.0.0.1/tcp/${ports[i]}`],
          mdns: false,
          peers: ports.filter((_, j) => j !== i).map((p) => `/ip4/127.0.0.1/tcp/${p}`),
          secretFile: join(nodes[0]?.dir.path ?? dir.path, 'mesh.secret'),
        },
        demo: true,
      }),
    );
    nodes.push({ dir, till: await openBenchTill(dir), port: ports[i]! });
  }
  return nodes;
}

export async function startMeshes(nodes: BenchNode[]): Promise<void> {
  const log = createLogger({ component: 'bench', level: 'silent' });
  await Promise.all(
    nodes.map(async (node) => {
      const config = node.till.config;
      const { secret } = loadOrCreateMeshSecret(join(nodes[0]!.dir.path, 'mesh.secret'));
      node.mesh = await Mesh.start({ till: node.till, config: config.mesh, secret, log });
    }),
  );
}

export async function stopAll(nodes: BenchNode[]): Promise<void> {
  for (const node of nodes) {
    await node.mesh?.stop();
    node.till.close();
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
export function converged(nodes: BenchNode[]): boolean {
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
