/**
 * What happened to transfers, told to the people at this till: a claim lost to
 * another till, a claim confirmed, a sent cart taken or finished, a conflict.
 */
import type { TillCode, TransferId } from '../../crdt/ids.ts';
import { NoticeBoard } from './notice-board.ts';
import type { Posted } from './notice-board.ts';

export type NoticeKind =
  'claim-lost' | 'claim-confirmed' | 'sent-claimed' | 'sent-done' | 'conflict';

export interface TransferNoticeBody {
  kind: NoticeKind;
  transferId: TransferId;
  /** The other till involved (the winner, the claimer, the finaliser). */
  till: TillCode | null;
  message: string;
}

export type TransferNotice = Posted<TransferNoticeBody>;

export class TransferNotices extends NoticeBoard<TransferNoticeBody> {}
