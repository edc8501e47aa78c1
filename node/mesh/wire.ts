/**
 * The mesh sync wire format (see PROTOCOL.md): pure encode and decode, no I/O.
 * A frame payload is a type and a body; framing (length prefixes) is the
 * channel's job.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Reach } from './reach.ts';

export const PROTOCOL_VERSION = 3;
/**
 * The oldest version this till still syncs with: version 1 knows no HAVE (it gets updates
 * whole), versions 1 and 2 no DIGEST (their anti-entropy is the full exchange).
 */
export const MIN_PROTOCOL_VERSION = 1;
export const SYNC_PROTOCOL = '/posmesh/sync/1.0.0';
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;
export const MAX_HELLO_DOCS = 1_000;
export const MAX_NAME_LENGTH = 200;
/** Writers (Yjs clients) one HAVE may name. */
export const MAX_HAVE_CLIENTS = 1_000;
/** A DIGEST's bytes (SHA-256, cut): a chance collision only delays a repair to the next change. */
export const DIGEST_BYTES = 16;

export const FRAME = { hello: 0, sync: 1, awareness: 2, have: 3, digest: 4 } as const;

export type Frame =
  | { type: 'hello'; version: number; meshId: string; till: string; docs: string[] }
  | { type: 'sync'; doc: string; message: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'have'; doc: string; reach: Reach }
  | { type: 'digest'; digest: Uint8Array };

export class MalformedFrameError extends Error {
  override readonly name = 'MalformedFrameError';
}

export function encodeFrame(frame: Frame): Uint8Array {
  const e = encoding.createEncoder();
  switch (frame.type) {
    case 'hello':
      encoding.writeVarUint(e, FRAME.hello);
      encoding.writeVarUint(e, frame.version);
      encoding.writeVarString(e, frame.meshId);
      encoding.writeVarString(e, frame.till);
      encoding.writeVarUint(e, frame.docs.length);
      for (const doc of frame.docs) encoding.writeVarString(e, doc);
      break;
    case 'sync':
      encoding.writeVarUint(e, FRAME.sync);
      encoding.writeVarString(e, frame.doc);
      encoding.writeUint8Array(e, frame.message);
      break;
    case 'awareness':
      encoding.writeVarUint(e, FRAME.awareness);
      encoding.writeUint8Array(e, frame.update);
      break;
    case 'have':
      encoding.writeVarUint(e, FRAME.have);
      encoding.writeVarString(e, frame.doc);
      encoding.writeVarUint(e, frame.reach.size);
      for (const [client, clock] of frame.reach) {
        encoding.writeVarUint(e, client);
        encoding.writeVarUint(e, clock);
      }
      break;
    case 'digest':
      encoding.writeVarUint(e, FRAME.digest);
      encoding.writeUint8Array(e, frame.digest);
      break;
  }
  return encoding.toUint8Array(e);
}

function readName(d: decoding.Decoder, what: string): string {
  const name = decoding.readVarString(d);
  if (name.length === 0 || name.length > MAX_NAME_LENGTH)
    throw new MalformedFrameError(`${what} of ${name.length} characters`);
  return name;
}

/** Throws MalformedFrameError for anything that is not a well-formed frame. */
export function decodeFrame(payload: Uint8Array): Frame {
  try {
    const d = decoding.createDecoder(payload);
    const type = decoding.readVarUint(d);
    switch (type) {
      case FRAME.hello: {
        const version = decoding.readVarUint(d);
        const meshId = readName(d, 'mesh id');
        const till = readName(d, 'till code');
        const count = decoding.readVarUint(d);
        if (count > MAX_HELLO_DOCS) throw new MalformedFrameError(`hello lists ${count} documents`);
        const docs = Array.from({ length: count }, () => readName(d, 'document name'));
        return { type: 'hello', version, meshId, till, docs };
      }
      case FRAME.sync: {
        const doc = readName(d, 'document name');
        const message = payload.subarray(d.pos);
        if (message.length === 0) throw new MalformedFrameError('empty sync message');
        return { type: 'sync', doc, message };
      }
      case FRAME.awareness:
        return { type: 'awareness', update: payload.subarray(d.pos) };
      case FRAME.have: {
        const doc = readName(d, 'document name');
        const count = decoding.readVarUint(d);
        if (count === 0 || count > MAX_HAVE_CLIENTS)
          throw new MalformedFrameError(`have names ${count} writers`);
        const reach: Reach = new Map();
        for (let i = 0; i < count; i++) reach.set(decoding.readVarUint(d), decoding.readVarUint(d));
        if (decoding.hasContent(d)) throw new MalformedFrameError('trailing bytes after a have');
        return { type: 'have', doc, reach };
      }
      case FRAME.digest: {
        const digest = payload.slice(d.pos);
        if (digest.length !== DIGEST_BYTES)
          throw new MalformedFrameError(`digest of ${digest.length} bytes, not ${DIGEST_BYTES}`);
        return { type: 'digest', digest };
      }
      default:
        throw new MalformedFrameError(`unknown frame type ${type}`);
    }
  } catch (error) {
    if (error instanceof MalformedFrameError) throw error;
    throw new MalformedFrameError(`undecodable frame: ${(error as Error).message}`);
  }
}
