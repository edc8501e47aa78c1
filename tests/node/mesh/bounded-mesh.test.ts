/**
 * A mesh past the full-mesh size, on the real sync engine over in-memory
 * channels: 40 peers linked by their ring neighbours only, forwarding what
 * they receive. A change on one reaches every peer, each peer announces it
 * at most once per connection and its bytes cross the mesh about once per
 * peer (sent whole on every link, as before announcements, they crossed it
 * five times over), and every till's presence reaches every other. Without
 * forwarding most peers never get it: the test fails there.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CATALOGUE_DOC } from '../../../crdt/documents.ts';
import type { DocHost } from '../../../node/docs/doc-host.ts';
import { LOCAL } from '../../../node/docs/origins.ts';
import { createLogger } from '../../../node/log.ts';
import { memoryChannelPair } from '../../../node/mesh/memory-channel.ts';
import { MeshSync } from '../../../node/mesh/mesh-sync.ts';
import type { PeerChannel } from '../../../node/mesh/peer-channel.ts';
import { Presence } from '../../../node/mesh/presence.ts';
import { dialTargets } from '../../../node/mesh/topology.ts';
import { memoryDocs } from '../../helpers/memory-docs.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const SIZE = 40;
const log = createLogger({ component: 'test', level: 'silent' });

interface Node {
  id: string;
  docs: DocHost;
  sync: MeshSync;
  presence: Presence;
  /** Frames this node sent, per peer. */
  sent: Map<string, number>;
  /** Bytes this node sent, to all. */
  bytes: number;
}

let nodes: Node[] = [];
afterEach(() => {
  for (const n of nodes) {
    n.sync.stop();
    n.presence.destroy();
  }
  nodes = [];
});

function counted(channel: PeerChannel, node: Node): PeerChannel {
  const send = channel.send.bind(channel);
  channel.send = (frame) => {
    node.sent.set(channel.peer, (node.sent.get(channel.peer) ?? 0) + 1);
    node.bytes += frame.length;
    return send(frame);
  };
  return channel;
}

function mesh(forward: boolean): Node[] {
  const ids = Array.from({ length: SIZE }, () => randomBytes(8).toString('hex'));
  nodes = ids.map((id, i) => {
    const docs = memoryDocs(log);
    const presence = new Presence({ till: `T${i}`, name: `T${i}`, peerId: id, staff: [] });
    const sync = new MeshSync({
      self: id,
      till: `T${i}`,
      meshId: 'm',
      docs,
      log,
      presence,
      forwardPeerUpdates: () => forward,
      antiEntropyMs: 3_600_000,
    });
    return { id, docs, sync, presence, sent: new Map(), bytes: 0 };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const linked = new Set<string>();
  for (const n of nodes)
    for (const target of dialTargets(n.id, ids)) {
      const pair = [n.id, target].sort().join();
      if (linked.has(pair)) continue;
      linked.add(pair);
      const other = byId.get(target)!;
      const { a, b } = memoryChannelPair(n.id, other.id);
      n.sync.attach(counted(a, n));
      other.sync.attach(counted(b, other));
    }
  return nodes;
}

const holds = (n: Node, key: string) => n.docs.get(CATALOGUE_DOC)!.getMap('probe').has(key);
const totalSent = (n: Node) => [...n.sent.values()].reduce((a, b) => a + b, 0);

describe(`a mesh of ${SIZE} on ring neighbours`, () => {
  it('carries a change to every peer, its bytes about once to each', async () => {
    mesh(true);
    await new Promise((r) => setTimeout(r, 200)); // the first sync settles
    await waitFor(() => nodes.every((n) => n.presence.online().length === SIZE), {
      what: 'every till’s presence everywhere',
    });
    const before = nodes.map(totalSent);
    const bytesBefore = nodes.reduce((sum, n) => sum + n.bytes, 0);
    const author = nodes[0]!;
    const doc = author.docs.get(CATALOGUE_DOC)!;
    const payload = 'p'.repeat(10_000);
    author.docs.transact(() => doc.transact(() => doc.getMap('probe').set('x', payload), LOCAL));
    await waitFor(() => nodes.every((n) => holds(n, 'x')), { what: 'the change everywhere' });
    await new Promise((r) => setTimeout(r, 50));
    const bytes = nodes.reduce((sum, n) => sum + n.bytes, 0) - bytesBefore;
    expect(bytes).toBeLessThan(1.5 * (SIZE - 1) * payload.length);
    // on each connection at most an announcement (or the change) and a request or an answer
    const frames = nodes.map((n, i) => totalSent(n) - before[i]!);
    for (const [i, n] of nodes.entries()) expect(frames[i]).toBeLessThanOrEqual(2 * n.sent.size);
    expect(Math.max(...nodes.map((n) => n.sent.size))).toBeLessThanOrEqual(
      2 * Math.ceil(Math.log2(SIZE)),
    );
  });

  it('without forwarding, the tills beyond the author’s neighbours never get it', async () => {
    mesh(false);
    await new Promise((r) => setTimeout(r, 200));
    const author = nodes[0]!;
    const doc = author.docs.get(CATALOGUE_DOC)!;
    author.docs.transact(() => doc.transact(() => doc.getMap('probe').set('y', 1), LOCAL));
    await new Promise((r) => setTimeout(r, 200));
    expect(nodes.filter((n) => holds(n, 'y')).length).toBeLessThan(SIZE / 2);
  });
});
