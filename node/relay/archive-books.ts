/**
 * The books as a relay's archive holds them, checked like a till's: every
 * archived order of the mesh must carry its till's signature for the day
 * document it was signed in and form an unbroken chain. One till's chain at a
 * time, read a page at a time: memory holds one till's orders, not a shop's
 * years. A signature counts only from a key the mesh's registry knows, the
 * registry the relay archived by: a row written straight into the database,
 * signed by some other key, does not pass for a till's.
 */
import type { Trust } from '../../crdt/signing.ts';
import type { ArchiveSink } from '../archive/archive-sink.ts';
import type { BookProblem, BooksReport, HeldRecord } from '../books/verify-books.ts';
import { verifyBooks } from '../books/verify-books.ts';

export async function verifyArchive(
  sink: ArchiveSink,
  meshId: string,
  trust: Trust,
  date?: string,
): Promise<BooksReport> {
  const report: BooksReport = { ok: true, tills: [], unproven: [] };
  // tills come in code order (orderSigners), as verifyBooks lists them
  for (const signer of await sink.orderSigners(meshId)) {
    const held: HeldRecord[] = [];
    for await (const record of sink.signedOrders(meshId, signer)) held.push(record);
    const part = verifyBooks(held, trust, date);
    report.unproven.push(...part.unproven);
    for (const till of part.tills) {
      if (trust.codeOf(till.signer) !== undefined) report.tills.push(till);
      else report.unproven.push(stranger(till.codes, till.signer));
    }
  }
  report.ok = report.unproven.length === 0 && report.tills.every((t) => t.problems.length === 0);
  return report;
}

function stranger(codes: string[], signer: string): BookProblem {
  return {
    kind: 'unsigned',
    where: codes.join('/'),
    detail: `signed by key …${signer.slice(-8)}, which no till of the mesh registered`,
  };
}
