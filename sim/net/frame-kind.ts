/** What a frame carries, read from its first bytes only: for counting traffic by kind. */
import * as decoding from 'lib0/decoding';
import { FRAME } from '../../node/mesh/wire.ts';

export const FRAME_KINDS = [
  'hello',
  'step1',
  'step2',
  'update',
  'have',
  'awareness',
  'other',
] as const;
export type FrameKind = (typeof FRAME_KINDS)[number];

/** y-protocols' sync message kinds, in their order. */
const SYNC_KINDS: readonly FrameKind[] = ['step1', 'step2', 'update'];

/** A channel carries any bytes: what is not a frame of ours is 'other'. */
export function frameKind(frame: Uint8Array): FrameKind {
  try {
    const d = decoding.createDecoder(frame);
    const type = decoding.readVarUint(d);
    if (type === FRAME.hello) return 'hello';
    if (type === FRAME.awareness) return 'awareness';
    if (type === FRAME.have) return 'have';
    if (type !== FRAME.sync) return 'other';
    decoding.readVarString(d); // the document's name
    return SYNC_KINDS[decoding.readVarUint(d)] ?? 'other';
  } catch {
    return 'other';
  }
}
