/**
 * Keeps the live transfers document small for years: a transfer this till
 * sent that is done or cancelled leaves the document once a relay this till
 * trusts has archived it (its signed receipt covers the whole log), or, in a
 * mesh without a relay, once TRANSFER_RETENTION_MS have passed since it
 * finished. Only the starter removes a log (the others' guards leave a log
 * gone alone; a hostile removal is written back by the starter). A conflict
 * stays until a manager has seen it.
 */
import * as Y from 'yjs';
import { archivedBy, dropArchiveReceipt } from '../../crdt/archive-receipts.ts';
import { TRANSFERS, TRANSFERS_DOC } from '../../crdt/documents.ts';
import { hlcWall } from '../../crdt/hlc.ts';
import type { SignatureCheck } from '../../crdt/signing.ts';
import type { TransferState } from '../../crdt/transfers.ts';
import type { TillContext } from './context.ts';
import { commit } from './context.ts';

/** Without a relay, a finished transfer stays this long (ms) for the status page and refunds. */
export const TRANSFER_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** How often a till looks for transfers to retire (ms). */
export const RETENTION_SWEEP_MS = 10 * 60 * 1000;

const finishedAt = (state: TransferState): number | undefined => {
  if (state.status === 'done' && state.done) return hlcWall(state.done.at);
  if (state.status === 'cancelled' && state.cancelled) return hlcWall(state.cancelled.at);
  return undefined;
};

export class TransferRetention {
  /**
   * `relays`: the peer ids of the relays this till's own config names; with
   * none, the retention period decides.
   */
  constructor(
    private readonly ctx: TillContext,
    private readonly all: () => TransferState[],
    private readonly relays: ReadonlySet<string>,
    private readonly check: SignatureCheck,
  ) {}

  /** Takes the transfers that may go out of the live document; returns their ids. */
  sweep(now = this.ctx.now()): string[] {
    const doc = this.ctx.docs.open(TRANSFERS_DOC);
    const logs = doc.getMap<unknown>(TRANSFERS.transfers);
    const retire = this.all().filter((state) => {
      const finished = finishedAt(state);
      // the sender's own key retires it: a till sharing its code retires its own
      if (state.sender !== this.ctx.signer.peerId || finished === undefined) return false;
      const log = logs.get(state.id);
      const events = log instanceof Y.Array ? log.length : 0;
      return this.relays.size > 0
        ? archivedBy(doc, state.id, events, this.relays, this.check) !== undefined
        : now - finished >= TRANSFER_RETENTION_MS;
    });
    if (retire.length === 0) return [];
    commit(this.ctx, doc, () => {
      for (const state of retire) {
        logs.delete(state.id);
        dropArchiveReceipt(doc, state.id);
      }
    });
    this.ctx.log.info('finished transfers left the live document', {
      count: retire.length,
      by: this.relays.size > 0 ? 'archived by a relay' : 'retention period',
    });
    return retire.map((s) => s.id);
  }
}

/** The relays' peer ids in a till's `mesh.relays` (addresses that end in /p2p/<peer id>). */
export function trustedRelays(addresses: readonly string[]): Set<string> {
  return new Set(addresses.flatMap((a) => /\/p2p\/([^/]+)$/.exec(a)?.[1] ?? []));
}
