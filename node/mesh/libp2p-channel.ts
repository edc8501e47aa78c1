/**
 * A PeerChannel over one libp2p stream: frames are varint length-prefixed; a
 * frame over MAX_FRAME_BYTES or a broken prefix closes the stream.
 */
import type { Stream } from '@libp2p/interface';
import { LengthPrefixedDecoder } from '@libp2p/utils';
import * as encoding from 'lib0/encoding';
import type { PeerChannel } from './peer-channel.ts';
import { MAX_FRAME_BYTES } from './wire.ts';

export class Libp2pChannel implements PeerChannel {
  private readonly frameListeners: Array<(frame: Uint8Array) => void> = [];
  private readonly drainListeners: Array<() => void> = [];
  private readonly closeListeners: Array<(reason: string) => void> = [];
  private readonly decoder = new LengthPrefixedDecoder({
    maxDataLength: MAX_FRAME_BYTES,
    maxBufferSize: MAX_FRAME_BYTES + 16,
  });
  private closedReason: string | undefined;

  constructor(
    private readonly stream: Stream,
    readonly peer: string,
    readonly openedBy: string,
  ) {
    stream.addEventListener('message', (event) => {
      try {
        for (const frame of this.decoder.decode(event.data)) {
          const bytes = frame.subarray();
          for (const listener of this.frameListeners) listener(bytes);
        }
      } catch (error) {
        this.close(`unreadable framing: ${(error as Error).message}`);
      }
    });
    stream.addEventListener('drain', () => {
      for (const listener of this.drainListeners) listener();
    });
    stream.addEventListener('close', (event) => {
      this.finish(
        this.closedReason ??
          (event.error ? `stream error: ${event.error.message}` : 'stream closed'),
      );
    });
  }

  send(frame: Uint8Array): boolean {
    if (this.closedReason !== undefined || this.stream.status !== 'open') return false;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, frame.length);
    encoding.writeUint8Array(e, frame);
    try {
      return this.stream.send(encoding.toUint8Array(e));
    } catch (error) {
      this.close(`send failed: ${(error as Error).message}`);
      return false;
    }
  }

  onFrame(listener: (frame: Uint8Array) => void): void {
    this.frameListeners.push(listener);
  }
  onDrain(listener: () => void): void {
    this.drainListeners.push(listener);
  }
  onClose(listener: (reason: string) => void): void {
    this.closeListeners.push(listener);
  }

  close(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    this.stream.abort(new Error(reason));
    this.finish(reason);
  }

  private finish(reason: string): void {
    const listeners = this.closeListeners.splice(0);
    for (const listener of listeners) listener(reason);
  }
}
