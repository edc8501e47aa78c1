/**
 * What happened to transfers, told to the people at this till: a claim lost to
 * another till, a claim confirmed, a sent cart taken or finished, a conflict.
 * The shape is the API's (crdt/api-types.ts), defined once for the UI too.
 */
import type { TransferNotice } from '../../crdt/api-types.ts';
import { NoticeBoard } from './notice-board.ts';

export type TransferNoticeBody = Omit<TransferNotice, 'seq' | 'at'>;

export class TransferNotices extends NoticeBoard<TransferNoticeBody> {}
