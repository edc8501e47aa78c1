/** A PeerChannel pair in memory: for sync tests without sockets, and for cutting links on demand. */
import type { PeerChannel } from './peer-channel.ts';

class MemoryChannel implements PeerChannel {
  other!: MemoryChannel;
  private frameListeners: Array<(frame: Uint8Array) => void> = [];
  private closeListeners: Array<(reason: string) => void> = [];
  closed = false;

  constructor(
    readonly peer: string,
    readonly openedBy: string,
  ) {}

  send(frame: Uint8Array): boolean {
    if (this.closed) return false;
    const copy = frame.slice();
    queueMicrotask(() => {
      if (!this.other.closed) for (const l of this.other.frameListeners) l(copy);
    });
    return true;
  }
  onFrame(listener: (frame: Uint8Array) => void): void {
    this.frameListeners.push(listener);
  }
  onDrain(): void {}
  onClose(listener: (reason: string) => void): void {
    this.closeListeners.push(listener);
  }
  close(reason: string): void {
    this.shut(reason);
    this.other.shut(`closed by peer: ${reason}`);
  }
  private shut(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const l of this.closeListeners) l(reason);
  }
}

/** Two ends: `a` is A's channel to B, `b` is B's channel to A. */
export function memoryChannelPair(
  peerA: string,
  peerB: string,
): { a: PeerChannel; b: PeerChannel } {
  const a = new MemoryChannel(peerB, peerA);
  const b = new MemoryChannel(peerA, peerA);
  a.other = b;
  b.other = a;
  return { a, b };
}
