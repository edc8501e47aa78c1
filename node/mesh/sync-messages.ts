/**
 * y-protocols sync messages (step 1, step 2, update) as used inside our SYNC
 * frames, read without applying anything: the caller validates an update before
 * it touches a document.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export type SyncMessage =
  { kind: 'step1'; stateVector: Uint8Array } | { kind: 'step2' | 'update'; update: Uint8Array };

export function encodeStep1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

export function encodeStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  syncProtocol.writeSyncStep2(e, doc, stateVector);
  return encoding.toUint8Array(e);
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

/** Throws on anything malformed, including an update Yjs cannot decode. */
export function decodeSyncMessage(message: Uint8Array): SyncMessage {
  const d = decoding.createDecoder(message);
  const type = decoding.readVarUint(d);
  // a copy: what is kept must not pin the whole received frame in memory
  const payload = decoding.readVarUint8Array(d).slice();
  if (decoding.hasContent(d)) throw new Error('trailing bytes after the sync message');
  switch (type) {
    case syncProtocol.messageYjsSyncStep1:
      Y.decodeStateVector(payload);
      return { kind: 'step1', stateVector: payload };
    case syncProtocol.messageYjsSyncStep2:
    case syncProtocol.messageYjsUpdate:
      Y.decodeUpdate(payload);
      return {
        kind: type === syncProtocol.messageYjsSyncStep2 ? 'step2' : 'update',
        update: payload,
      };
    default:
      throw new Error(`unknown sync message type ${type}`);
  }
}
