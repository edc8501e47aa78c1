/**
 * What a relay says it has archived, kept in the transfers document's
 * `archived` map, each receipt signed by the relay's key: one per archived
 * transfer (keyed by its id), and one per closed business day (keyed by its
 * day document's name, which tills no longer sync once it is closed). A till counts a receipt only from a relay its own
 * config names by peer id: a member of the mesh cannot make tills forget what
 * no relay holds.
 */
import type * as Y from 'yjs';
import { parseDocName, TRANSFERS, TRANSFERS_DOC } from './documents.ts';
import type { RecordSigner, SignatureCheck } from './signing.ts';
import { signerOf, signRecord } from './signing.ts';

export interface ArchiveReceipt {
  id: string;
  /**
   * A transfer's log length, or a day's paid orders, when it was archived:
   * a longer log is not covered.
   */
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

/** The receipts of closed days (keys that are day document names), valid or not. */
export function dayReceipts(doc: Y.Doc): Array<{ name: string; raw: ArchiveReceipt }> {
  const receipts: Array<{ name: string; raw: ArchiveReceipt }> = [];
  doc.getMap(TRANSFERS.archived).forEach((raw, name) => {
    if (parseDocName(name)?.kind === 'day') receipts.push({ name, raw: raw as ArchiveReceipt });
  });
  return receipts;
}
