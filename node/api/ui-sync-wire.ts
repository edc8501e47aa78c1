/**
 * The y-websocket messages of the UI socket: a varint message type, then for
 * sync the y-protocols sync message — encoded and read by the same functions
 * the mesh uses inside its frames. Pure: no I/O.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import {
  decodeSyncMessage,
  encodeStep1,
  encodeStep2,
  encodeSyncUpdate,
} from '../mesh/sync-messages.ts';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

function syncMessage(sync: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeUint8Array(e, sync);
  return encoding.toUint8Array(e);
}

export const uiStep1 = (doc: Y.Doc): Uint8Array => syncMessage(encodeStep1(doc));
export const uiStep2 = (doc: Y.Doc, stateVector?: Uint8Array): Uint8Array =>
  syncMessage(encodeStep2(doc, stateVector));
export const uiUpdate = (update: Uint8Array): Uint8Array => syncMessage(encodeSyncUpdate(update));

/**
 * What a client's message is, from its types alone: a SyncStep1 to answer, or
 * something a read-only endpoint ignores without decoding it (the client's
 * updates, awareness). Throws on an unknown type.
 */
export function clientMessageKind(data: Uint8Array): 'step1' | 'ignored' {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_AWARENESS || type === MESSAGE_QUERY_AWARENESS) return 'ignored';
  if (type !== MESSAGE_SYNC) throw new Error(`unknown message type ${type}`);
  const step = decoding.readVarUint(decoder);
  if (step === syncProtocol.messageYjsSyncStep1) return 'step1';
  if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate)
    return 'ignored';
  throw new Error(`unknown sync message type ${step}`);
}

/** The state vector of a client's SyncStep1; throws if anything in it is malformed. */
export function readStep1(data: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(data);
  decoding.readVarUint(decoder);
  const message = decodeSyncMessage(data.subarray(decoder.pos));
  if (message.kind !== 'step1') throw new Error(`expected a SyncStep1, got ${message.kind}`);
  return message.stateVector;
}
