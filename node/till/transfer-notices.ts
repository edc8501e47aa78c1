/**
 * What happened to transfers, told to the people at this till: a claim lost to
 * another till, a claim confirmed, a sent cart taken or finished, a conflict.
 * Kept in memory with a sequence number so a screen can ask "what since N".
 */
import type { TillCode, TransferId } from '../../crdt/ids.ts';

export type NoticeKind =
  'claim-lost' | 'claim-confirmed' | 'sent-claimed' | 'sent-done' | 'conflict';

export interface TransferNotice {
  seq: number;
  at: string;
  kind: NoticeKind;
  transferId: TransferId;
  /** The other till involved (the winner, the claimer, the finaliser). */
  till: TillCode | null;
  message: string;
}

export const MAX_NOTICES = 500;

export class TransferNotices {
  private readonly notices: TransferNotice[] = [];
  private readonly given = new Set<string>();
  private seq = 0;

  /** Adds a notice once per key; returns whether it was new. */
  add(key: string, notice: Omit<TransferNotice, 'seq' | 'at'>): boolean {
    if (this.given.has(key)) return false;
    this.given.add(key);
    this.notices.push({ ...notice, seq: ++this.seq, at: new Date().toISOString() });
    if (this.notices.length > MAX_NOTICES) this.notices.shift();
    return true;
  }

  since(seq: number): TransferNotice[] {
    return this.notices.filter((n) => n.seq > seq);
  }
}
