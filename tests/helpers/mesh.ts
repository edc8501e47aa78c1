/** In-process tills joined by in-memory channels, for sync tests without sockets. */
import * as Y from 'yjs';
import { createLogger } from '../../node/log.ts';
import { memoryChannelPair } from '../../node/mesh/memory-channel.ts';
import { syncHooks, tillMeshHost } from '../../node/mesh/mesh.ts';
import { MeshSync } from '../../node/mesh/mesh-sync.ts';
import type { PeerChannel } from '../../node/mesh/peer-channel.ts';
import type { TestTill } from './till.ts';
import { openTestTill } from './till.ts';

export interface SyncedTill extends TestTill {
  sync: MeshSync;
  peerId: string;
}

function meshSyncFor(t: TestTill, code: string): MeshSync {
  const host = tillMeshHost(t.till);
  return new MeshSync({
    self: t.till.identity.peerId,
    till: code,
    meshId: 'test-mesh',
    docs: t.till.ctx.docs,
    log: createLogger({ component: `sync.${code}`, level: 'silent' }),
    ...syncHooks(host),
    antiEntropyMs: 200,
  });
}

export async function syncedTill(
  code: string,
  overrides: Record<string, unknown> = {},
): Promise<SyncedTill> {
  const t = await openTestTill({ till: { code, name: `Till ${code}` }, ...overrides });
  return Object.assign(t, { sync: meshSyncFor(t, code), peerId: t.till.identity.peerId });
}

/** Stops a till (its links drop) and opens it again from its disk, with a fresh sync engine. */
export async function restart(t: SyncedTill): Promise<void> {
  t.sync.stop();
  await t.reopen();
  t.sync = meshSyncFor(t, t.till.code);
}

/** Joins two tills; returns a function that cuts the link. */
export function link(a: SyncedTill, b: SyncedTill): () => void {
  const { a: ab, b: ba } = memoryChannelPair(a.peerId, b.peerId);
  a.sync.attach(ab);
  b.sync.attach(ba);
  return () => ab.close('cut by test');
}

export function rawLink(a: SyncedTill, peer: string): { toA: PeerChannel; fromPeer: PeerChannel } {
  const { a: ab, b: ba } = memoryChannelPair(a.peerId, peer);
  a.sync.attach(ab);
  return { toA: ba, fromPeer: ab };
}

/** Every live document of every till, as state vector and content; equal when converged. */
export function snapshot(till: SyncedTill): Record<string, { sv: string; json: unknown }> {
  const out: Record<string, { sv: string; json: unknown }> = {};
  for (const name of till.till.ctx.docs.names().sort()) {
    const doc = till.till.ctx.docs.get(name)!;
    const json: Record<string, unknown> = {};
    // an empty top-level map exists only where someone looked at it: not content
    for (const key of [...doc.share.keys()].sort())
      if (doc.getMap(key).size > 0) json[key] = doc.getMap(key).toJSON();
    out[name] = {
      sv: Buffer.from(Y.encodeStateVector(doc)).toString('base64'),
      json: canonical(json),
    };
  }
  return out;
}

/** Which documents and keys differ between tills, for a failing convergence test to print. */
export function explainDivergence(tills: SyncedTill[]): string[] {
  const snaps = tills.map((t) => snapshot(t));
  const lines: string[] = [];
  for (const name of new Set(snaps.flatMap((s) => Object.keys(s)))) {
    const docs = snaps.map((s) => s[name]);
    if (docs.every((d) => JSON.stringify(d) === JSON.stringify(docs[0]))) continue;
    lines.push(`${name}: state vectors ${docs.map((d) => d?.sv ?? 'missing').join(' | ')}`);
    const maps = docs.map((d) => (d?.json ?? {}) as Record<string, Record<string, unknown>>);
    for (const map of new Set(maps.flatMap((m) => Object.keys(m)))) {
      for (const key of new Set(maps.flatMap((m) => Object.keys(m[map] ?? {})))) {
        const values = maps.map((m) => JSON.stringify(m[map]?.[key]));
        if (values.some((v) => v !== values[0]))
          lines.push(`  ${map}.${key}: ${values.map((v) => v?.slice(0, 200)).join(' | ')}`);
      }
    }
  }
  return lines;
}

/** Keys sorted at every level: two replicas insert keys in different orders. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function closeAll(...tills: SyncedTill[]): void {
  for (const t of tills) {
    t.sync.stop();
    t.cleanup();
  }
}
