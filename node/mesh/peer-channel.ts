/**
 * One long-lived, ordered, reliable channel to one peer, carrying whole frames.
 * The sync engine depends only on this; libp2p streams and in-memory pairs
 * implement it, and both run the contract suite in tests/node/mesh.
 */
export interface PeerChannel {
  /** The remote peer id. */
  readonly peer: string;
  /** Which side opened it (both sides agree on it). */
  readonly openedBy: string;
  /** Queues a frame; false asks the sender to wait for `onDrain` before sending more. */
  send(frame: Uint8Array): boolean;
  onFrame(listener: (frame: Uint8Array) => void): void;
  onDrain(listener: () => void): void;
  /** Called once, whoever closed it and why. */
  onClose(listener: (reason: string) => void): void;
  close(reason: string): void;
}
