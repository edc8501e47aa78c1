/**
 * The archive's books verified per till, against the mesh's registry: tills in
 * code order, each chain whole, other shops' orders left out, and orders signed
 * by a key no till of the mesh registered not taken for a till's.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TillCode } from '../../../crdt/ids.ts';
import type { Trust } from '../../../crdt/signing.ts';
import { SqliteArchiveSink } from '../../../node/archive/sqlite-archive-sink.ts';
import { verifyArchive } from '../../../node/relay/archive-books.ts';
import { ed25519 } from '../../../node/signatures.ts';
import { tempDir } from '../../helpers/till.ts';
import { tillDay } from '../archive/archive-fixtures.ts';

const DATE = '20261121';
let dir: ReturnType<typeof tempDir>;
let sink: SqliteArchiveSink;

beforeEach(async () => {
  dir = tempDir('posmesh-archive-books-');
  sink = new SqliteArchiveSink(join(dir.path, 'archive.db'));
  await sink.start();
});
afterEach(async () => {
  await sink.stop();
  dir.remove();
});

/** A registry that knows these signers, under these codes. */
const registry = (codes: Record<string, string>): Trust => ({
  verify: (peerId, message, sig) => ed25519.verify(peerId, message, sig),
  ownerOf: (code) => Object.keys(codes).find((peer) => codes[peer] === code),
  codeOf: (peerId) => codes[peerId] as TillCode | undefined,
});

describe('verifyArchive', () => {
  it("checks each till's chain of one mesh, in till code order", async () => {
    const [t2, t1, elsewhere] = [
      tillDay('shop-a', 'T2', DATE),
      tillDay('shop-a', 'T1', DATE),
      tillDay('shop-b', 'T3', DATE),
    ];
    await sink.write([...t2.records, ...t1.records, ...elsewhere.records]);
    const signer = (d: typeof t1) => d.orders[0]!.signer!;
    const trust = registry({ [signer(t1)]: 'T1', [signer(t2)]: 'T2' });
    const report = await verifyArchive(sink, 'shop-a', trust);
    expect(report).toMatchObject({ ok: true, unproven: [] });
    expect(report.tills).toMatchObject([
      { codes: ['T1'], records: 5, lastSeq: 5, problems: [] },
      { codes: ['T2'], records: 5, lastSeq: 5, problems: [] },
    ]);
    const oneDay = await verifyArchive(sink, 'shop-a', trust, '20261122');
    expect(oneDay.tills.map((t) => t.records)).toEqual([0, 0]);
  });

  it('does not take orders signed by a key the mesh never registered for a till’s', async () => {
    const [known, stranger] = [tillDay('shop-a', 'T1', DATE), tillDay('shop-a', 'T9', DATE)];
    await sink.write([...known.records, ...stranger.records]);
    const key = stranger.orders[0]!.signer!;
    const report = await verifyArchive(
      sink,
      'shop-a',
      registry({ [known.orders[0]!.signer!]: 'T1' }),
    );
    expect(report.ok).toBe(false);
    expect(report.tills.map((t) => t.codes)).toEqual([['T1']]);
    expect(report.unproven).toEqual([
      {
        kind: 'unsigned',
        where: 'T9',
        detail: `signed by key …${key.slice(-8)}, which no till of the mesh registered`,
      },
    ]);
  });
});
