/**
 * Presence: which tills are online and who is signed in at each, using
 * y-protocols' awareness (its own small document, never persisted). A state
 * not renewed within TIMEOUT is dropped; the local state renews itself.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { TillPresence } from '../../crdt/status.ts';

export type { TillPresence };

export class Presence {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly clientsByPeer = new Map<string, Set<number>>();

  constructor(local: TillPresence) {
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
    this.awareness.setLocalState(local);
  }

  update(patch: Partial<TillPresence>): void {
    this.awareness.setLocalState({ ...(this.awareness.getLocalState() as TillPresence), ...patch });
  }

  /** Local changes and renewals, encoded for peers. */
  onLocalUpdate(listener: (update: Uint8Array) => void): () => void {
    const handler = (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      if (origin !== 'local') return;
      const changed = [...added, ...updated, ...removed];
      listener(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    };
    this.awareness.on('update', handler);
    return () => this.awareness.off('update', handler);
  }

  fullState(): Uint8Array {
    return awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.awareness.clientID]);
  }

  apply(update: Uint8Array, peer: string): void {
    const before = new Set(this.awareness.getStates().keys());
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
    const clients = this.clientsByPeer.get(peer) ?? new Set<number>();
    for (const client of this.awareness.getStates().keys())
      if (!before.has(client)) clients.add(client);
    this.clientsByPeer.set(peer, clients);
  }

  /** A peer disconnected: its presence goes at once, not after the timeout. */
  forget(peer: string): void {
    const clients = [...(this.clientsByPeer.get(peer) ?? [])];
    this.clientsByPeer.delete(peer);
    if (clients.length)
      awarenessProtocol.removeAwarenessStates(this.awareness, clients, 'disconnect');
  }

  online(): TillPresence[] {
    return [...this.awareness.getStates().values()] as TillPresence[];
  }

  destroy(): void {
    this.awareness.destroy();
  }
}
