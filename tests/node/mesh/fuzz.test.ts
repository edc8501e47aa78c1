/**
 * Fuzzing the sync stream of a running till over real libp2p, with the mesh
 * secret (the worst case: a buggy or hostile member): random bytes, random
 * frames, truncated frames and absurd length prefixes. The till must stay up,
 * keep syncing with its honest peer, and lose nothing.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { multiaddr } from '@multiformats/multiaddr';
import type { Libp2p } from '@libp2p/interface';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import { createMeshNode } from '../../../node/mesh/libp2p-node.ts';
import { readMeshSecret } from '../../../node/mesh/mesh-secret.ts';
import { encodeStep1, encodeSyncUpdate } from '../../../node/mesh/sync-messages.ts';
import { encodeFrame, SYNC_PROTOCOL } from '../../../node/mesh/wire.ts';
import type { Daemon } from '../../helpers/daemon.ts';
import { ApiClient, startDaemon, writeTillConfig } from '../../helpers/daemon.ts';
import { freePort, servedDocuments } from '../../helpers/net.ts';
import { tempDir } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const root = tempDir();
const secretFile = join(root.path, 'mesh.secret');
let a: Daemon, b: Daemon, fuzzer: Libp2p;
let apiA: ApiClient, apiB: ApiClient;
let portA: number;

function framed(payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, payload.length);
  encoding.writeUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

function validFrames(): Uint8Array[] {
  const doc = new Y.Doc();
  doc.getMap('products').set('fuzz', { id: 'fuzz', name: 'not a valid product' });
  return [
    encodeFrame({
      type: 'hello',
      version: 2,
      meshId: 'x',
      till: 'F',
      docs: ['catalogue', 'orders/F/20260101'],
    }),
    encodeFrame({ type: 'sync', doc: 'catalogue', message: encodeStep1(doc) }),
    encodeFrame({
      type: 'sync',
      doc: 'catalogue',
      message: encodeSyncUpdate(Y.encodeStateAsUpdate(doc)),
    }),
    encodeFrame({ type: 'awareness', update: new Uint8Array([1, 2, 3]) }),
    encodeFrame({ type: 'have', doc: 'catalogue', reach: new Map([[doc.clientID, 5]]) }),
  ];
}

beforeAll(async () => {
  portA = await freePort();
  const portB = await freePort();
  const mesh = (port: number, other: number) => ({
    listen: [`/ip4/127.0.0.1/tcp/${port}`],
    mdns: false,
    secretFile,
    peers: [`/ip4/127.0.0.1/tcp/${other}`],
  });
  a = await startDaemon(
    writeTillConfig(join(root.path, 'A'), {
      till: { code: 'A', name: 'A' },
      mesh: mesh(portA, portB),
    }),
  );
  b = await startDaemon(
    writeTillConfig(join(root.path, 'B'), {
      till: { code: 'B', name: 'B' },
      mesh: mesh(portB, portA),
    }),
  );
  // A made the mesh (its secret); the fuzzer is a member that holds it
  const secret = readMeshSecret(secretFile);
  apiA = await new ApiClient(a.url).login('demo-bob', '0000');
  apiB = await new ApiClient(b.url).login('demo-bob', '0000');
  fuzzer = await createMeshNode({
    psk: secret.psk,
    listen: [],
    privateKey: await generateKeyPair('Ed25519'),
  });
  await fuzzer.start();
}, 60_000);

afterAll(async () => {
  await fuzzer?.stop();
  await a?.stop();
  await b?.stop();
  root.remove();
});

async function sell(api: ApiClient, n: number) {
  const p = demoProducts()[n]!;
  const cart = await api.call('POST', '/api/carts');
  await api.call('POST', `/api/carts/${cart.id}/lines`, { barcode: p.barcodes[0] });
  return api.call('POST', `/api/carts/${cart.id}/pay`, {
    payments: [{ method: 'card', amount: p.price }],
  });
}

describe('fuzzing the sync stream', () => {
  it('keeps the till up, syncing and whole', async () => {
    await apiA.call('POST', '/api/day/open', { float: 0 });
    await apiB.call('POST', '/api/day/open', { float: 0 });
    const before = await sell(apiA, 3);
    const target = multiaddr(`/ip4/127.0.0.1/tcp/${portA}`);
    const valid = validFrames();
    const input = fc.oneof(
      fc
        .uint8Array({ minLength: 1, maxLength: 300 })
        .map((bytes) => ({ kind: 'raw bytes', bytes })),
      fc
        .uint8Array({ minLength: 1, maxLength: 300 })
        .map((bytes) => ({ kind: 'random frame', bytes: framed(bytes) })),
      fc.tuple(fc.constantFrom(...valid), fc.nat()).map(([frame, cut]) => ({
        kind: 'truncated frame',
        bytes: framed(frame.subarray(0, cut % frame.length)),
      })),
      fc.tuple(fc.constantFrom(...valid), fc.nat()).map(([frame, cut]) => ({
        kind: 'frame cut mid-prefix',
        bytes: framed(frame).subarray(0, 1 + (cut % 2)),
      })),
      fc.integer({ min: 64 * 1024 * 1024 + 1, max: 2 ** 31 }).map((length) => {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, length);
        encoding.writeUint8Array(e, new Uint8Array(64));
        return { kind: 'oversized length', bytes: encoding.toUint8Array(e) };
      }),
    );
    const kinds = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(input, async ({ kind, bytes }) => {
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        const stream = await fuzzer.dialProtocol(target, SYNC_PROTOCOL);
        stream.send(bytes);
        await new Promise((r) => setTimeout(r, 15));
        stream.abort(new Error('fuzz case over'));
      }),
      { numRuns: 200 },
    );
    expect([...kinds.keys()].sort()).toEqual([
      'frame cut mid-prefix',
      'oversized length',
      'random frame',
      'raw bytes',
      'truncated frame',
    ]);

    // still up, still syncing, nothing lost
    expect((await apiA.raw('GET', '/api/health')).status).toBe(200);
    expect((await apiA.call('GET', `/api/orders/${before.id}`)).order.number).toBe(before.number);
    const after = await sell(apiB, 7);
    await waitFor(async () => (await apiA.raw('GET', `/api/orders/${after.id}`)).status === 200, {
      what: "B's sale on A",
    });
    await waitFor(
      async () =>
        (await servedDocuments(a.url, apiA.token)) === (await servedDocuments(b.url, apiB.token)),
      {
        what: 'A and B converged',
        timeoutMs: 15_000,
        intervalMs: 500,
      },
    );
  }, 120_000);
});
