/**
 * This till's hand on the transfers document: the reduced logs, and events
 * written to them as this till. Apart so the transfer actions and the watcher
 * that referees them sign, stamp and name this till one way.
 */
import type * as Y from 'yjs';
import { TRANSFERS_DOC } from '../../crdt/documents.ts';
import type { Hlc } from '../../crdt/hlc.ts';
import type { Order } from '../../crdt/schema.ts';
import type { TransferEvent } from '../../crdt/transfer-schema.ts';
import type { LogTill, SentEvent, TransferState } from '../../crdt/transfers.ts';
import { appendTransferEvent, createTransfer, TransfersView } from '../../crdt/transfers.ts';
import { LOCAL } from '../docs/origins.ts';
import type { TillContext } from './context.ts';
import type { OpenDayHandle } from './day-service.ts';

export class TransferLogs {
  private readonly doc: Y.Doc;
  readonly transfers: TransfersView;

  constructor(private readonly ctx: TillContext) {
    this.doc = ctx.docs.open(TRANSFERS_DOC);
    this.transfers = new TransfersView(this.doc, ctx.report, ctx.registry);
  }

  /** This till as the logs tell it apart from a till that shares its code. */
  self(): LogTill {
    return { code: this.ctx.code, key: this.ctx.signer.peerId };
  }

  /** Starts a transfer's log with its sending, inside whatever commit is open. */
  create(sent: SentEvent): void {
    this.doc.transact(() => createTransfer(this.doc, sent, this.ctx.signer), LOCAL);
  }

  /** Appends to the transfer's log, inside whatever commit is open. */
  append(state: TransferState, event: TransferEvent): void {
    this.doc.transact(() => appendTransferEvent(this.doc, state.id, event, this.ctx.signer), LOCAL);
  }

  /** A time after every event of the transfer, whatever this till's clock says. */
  stamp(state: TransferState): Hlc {
    return this.ctx.clock.after(state.history.at(-1)!.at);
  }
}

/** Writes a cart a transfer moves into the day, inside whatever commit is open. */
export function writeCart(day: OpenDayHandle, order: Order): void {
  day.doc.transact(() => day.write.order(order), LOCAL);
}
