/**
 * What happened to transfers, told to the people at this till: a claim lost to
 * another till, a claim confirmed, a sent cart taken or finished, a conflict.
 * The shape is the API's (crdt/api-types.ts), defined once for the UI too.
 */
import type { TransferNotice } from '../../crdt/api-types.ts';
import type { LogTill, TransferState } from '../../crdt/transfers.ts';
import { claimedBy, isSelf, sentBy } from '../../crdt/transfers.ts';
import type { Logger } from '../log.ts';
import { NoticeBoard } from './notice-board.ts';

export type TransferNoticeBody = Omit<TransferNotice, 'seq' | 'at'>;

export class TransferNotices extends NoticeBoard<TransferNoticeBody> {
  /** The notices `state` gives the people at till `self`; each is told once. */
  tell(state: TransferState, self: LogTill, log: Logger): void {
    const lost = state.losers.find((c) => claimedBy(c, self));
    const sender = sentBy(state, self);
    if (lost) {
      this.add(
        {
          kind: 'claim-lost',
          transferId: state.id,
          till: state.winner?.till ?? null,
          message: state.winner
            ? `transfer from ${state.from} was taken by ${state.winner.till}`
            : `transfer from ${state.from} was cancelled by its sender`,
        },
        `lost:${state.id}:${lost.at}`,
      );
    }
    if (claimedBy(state.winner, self) && state.winner?.confirmedAt) {
      this.add(
        {
          kind: 'claim-confirmed',
          transferId: state.id,
          till: state.from,
          message: `${state.from} confirmed your claim`,
        },
        `confirmed:${state.id}:${state.winner.at}`,
      );
    }
    if (sender && state.winner) {
      this.add(
        {
          kind: 'sent-claimed',
          transferId: state.id,
          till: state.winner.till,
          message: `your cart was taken by ${state.winner.till}`,
        },
        `claimed:${state.id}:${state.winner.at}`,
      );
    }
    if (sender && state.done) {
      this.add(
        {
          kind: 'sent-done',
          transferId: state.id,
          till: state.done.till,
          message: `${state.done.till} took payment (${state.done.orderNumber})`,
        },
        `done:${state.id}`,
      );
    }
    for (const c of state.conflicts) {
      if (isSelf(self, c.till, c.signer) || sender || claimedBy(state.winner, self)) {
        if (
          this.add(
            {
              kind: 'conflict',
              transferId: state.id,
              till: c.till,
              message: `${c.till} took payment (${c.orderNumber}) for a transfer it did not hold: tell a manager`,
            },
            `conflict:${state.id}:${c.orderNumber}`,
          )
        ) {
          log.warn('transfer conflict', {
            transfer: state.id,
            till: c.till,
            order: c.orderNumber,
            reason: c.reason,
          });
        }
      }
    }
  }
}
