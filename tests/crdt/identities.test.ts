import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { SETTINGS, SETTINGS_DOC } from '../../crdt/documents.ts';
import type { Identity } from '../../crdt/identities.ts';
import { nextFreeCode, TillRegistry, writeIdentity } from '../../crdt/identities.ts';
import type { Hlc } from '../../crdt/hlc.ts';
import type { TillCode } from '../../crdt/ids.ts';
import type { InvalidRecord } from '../../crdt/records.ts';
import { signRecord } from '../../crdt/signing.ts';
import { ed25519 } from '../../node/signatures.ts';
import { testSigner } from '../helpers/signing.ts';

const at = (ms: number, node = 'X') => `${String(ms).padStart(15, '0')}:000000:${node}` as Hlc;
const identity = (peerId: string, code: string, ms: number): Identity => ({
  peerId,
  code: code as TillCode,
  name: `Till ${code}`,
  claimedAt: at(ms),
  founder: false,
});

describe('the till registry', () => {
  it('gives a code claimed twice to the earliest claim, and shows the other as a duplicate', () => {
    const doc = new Y.Doc();
    const [a, b] = [testSigner(), testSigner()];
    writeIdentity(doc, identity(b.peerId, 'T1', 2_000), b);
    writeIdentity(doc, identity(a.peerId, 'T1', 1_000), a);
    const registry = new TillRegistry(doc, ed25519, () => {});
    expect(registry.ownerOf('T1' as TillCode)).toBe(a.peerId);
    expect(registry.duplicates()).toEqual([
      expect.objectContaining({
        code: 'T1',
        others: [expect.objectContaining({ peerId: b.peerId })],
      }),
    ]);
  });

  it("takes no entry a till signed for another till's key, and reports it", () => {
    const doc = new Y.Doc();
    const [honest, forger] = [testSigner(), testSigner()];
    writeIdentity(doc, identity(honest.peerId, 'T1', 2_000), honest);
    // the forger registers a code under the honest till's peer id, signed with its own key
    const place = { doc: SETTINGS_DOC, map: SETTINGS.identities, key: 'victim' };
    const forged = signRecord(identity(honest.peerId, 'T9', 1_000), place, forger);
    doc.getMap(SETTINGS.identities).set('victim', forged);
    doc.getMap(SETTINGS.identities).set(forger.peerId, {
      ...signRecord(identity(forger.peerId, 'T2', 1_000), { ...place, key: forger.peerId }, forger),
      code: 'T1', // edited after signing
    });
    const reported: InvalidRecord[] = [];
    const registry = new TillRegistry(doc, ed25519, (r) => reported.push(r));
    expect(registry.all().map((i) => i.peerId)).toEqual([honest.peerId]);
    expect(registry.ownerOf('T1' as TillCode)).toBe(honest.peerId);
    expect(reported.map((r) => r.reason).sort()).toEqual([
      'not signed by the till it registers',
      'peerId does not match its key',
    ]);
  });
});

describe('the next free code', () => {
  it("follows the letters of the mesh's first till and takes the first free number", () => {
    expect(nextFreeCode([])).toBe('T1');
    const mesh = [identity('p1', 'S1', 1), identity('p2', 'S2', 2), identity('p4', 'X9', 3)];
    expect(nextFreeCode(mesh)).toBe('S3');
    expect(nextFreeCode([...mesh, identity('p3', 'S3', 4)])).toBe('S4');
    // a till's own registration does not count against it
    expect(nextFreeCode(mesh, 'p2')).toBe('S2');
    expect(nextFreeCode([identity('p1', 'BAR', 1)])).toBe('BAR1');
    expect(nextFreeCode([identity('p1', 'ABCDEFGH', 1)])).toBe('ABCDEFG1');
    expect(nextFreeCode([identity('p1', 'A1B', 1)])).toBe('T1');
  });
});
