/**
 * What a relay says it has archived, kept in the document the records live in
 * (`archived` in the transfers document): one record per archived transfer,
 * signed by the relay's key. A till counts a receipt only from a relay its own
 * config names by peer id: a member of the mesh cannot make tills forget what
 * no relay holds.
 */
import type * as Y from 'yjs';
import { TRANSFERS, TRANSFERS_DOC } from './documents.ts';
import type { RecordSigner, SignatureCheck } from './signing.ts';
import { signerOf, signRecord } from './signing.ts';

export interface ArchiveReceipt {
  id: string;
  /** The transfer's log length when it was archived: a longer log is not covered. */
  events: number;
  /** When the relay's archive committed it (ISO time). */
  at: string;
}

const place = (id: string) => ({ doc: TRANSFERS_DOC, map: TRANSFERS.archived, key: id });

export function writeArchiveReceipt(
  doc: Y.Doc,
  receipt: ArchiveReceipt,
  signer: RecordSigner,
): void {
  doc.getMap(TRANSFERS.archived).set(receipt.id, signRecord(receipt, place(receipt.id), signer));
}

/** The receipt for a transfer from one of `relays` (peer ids) covering `events` events, if any. */
export function archivedBy(
  doc: Y.Doc,
  id: string,
  events: number,
  relays: ReadonlySet<string>,
  check: SignatureCheck,
): string | undefined {
  const raw = doc.getMap(TRANSFERS.archived).get(id) as ArchiveReceipt | undefined;
  const signer = signerOf(raw, place(id), check);
  return signer && relays.has(signer) && (raw?.events ?? 0) >= events ? signer : undefined;
}

/** Forgets a receipt once its transfer left the document (its starter retired it). */
export function dropArchiveReceipt(doc: Y.Doc, id: string): void {
  doc.getMap(TRANSFERS.archived).delete(id);
}
