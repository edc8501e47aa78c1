/**
 * The UI sockets following one document, and the last answer to a SyncStep1:
 * browsers that open with the same state (a fresh tab has none) get the same
 * bytes, computed once per change of the document rather than once each.
 */
import type * as Y from 'yjs';
import type { UiSocket } from './ui-socket.ts';
import { readStep1, uiStep2 } from './ui-sync-wire.ts';

export class Room {
  readonly sockets = new Set<UiSocket>();
  private last: { request: Buffer; message: Uint8Array } | undefined;
  private readonly changed = () => (this.last = undefined);

  constructor(readonly doc: Y.Doc) {
    doc.on('update', this.changed);
  }

  /** The SyncStep2 answering a client's SyncStep1 message; throws if that is malformed. */
  answer(step1: Buffer): Uint8Array {
    // the same bytes as last time were read (and found sound) then
    if (this.last?.request.equals(step1)) return this.last.message;
    const message = uiStep2(this.doc, readStep1(step1));
    this.last = { request: step1, message };
    return message;
  }

  close(): void {
    this.doc.off('update', this.changed);
    this.last = undefined;
  }
}
