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
  /** Per till (peer id): its clock minus ours, when its presence last arrived. */
  private readonly offsets = new Map<string, number>();

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

  /** What a peer's update changed or renewed, encoded again to pass on, with that peer. */
  onRemoteUpdate(listener: (update: Uint8Array, peer: string) => void): () => void {
    const handler = (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      // a peer's update carries its session's peer id as origin; timeouts and disconnects are local
      if (typeof origin !== 'string' || ['local', 'timeout', 'disconnect'].includes(origin)) return;
      const changed = [...added, ...updated].filter((c) => c !== this.awareness.clientID);
      if (changed.length || removed.length)
        listener(
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...changed, ...removed]),
          origin,
        );
    };
    this.awareness.on('update', handler);
    return () => this.awareness.off('update', handler);
  }

  fullState(): Uint8Array {
    return awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.awareness.clientID]);
  }

  apply(update: Uint8Array, peer: string): void {
    const states = this.awareness.getStates();
    const before = new Map(states);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
    const received = Date.now();
    for (const [client, state] of states) {
      if (before.get(client) === state) continue; // only what this update brought
      const p = state as Partial<TillPresence>;
      // a state that just arrived carries the sender's clock of a moment ago: off by the trip
      if (p.peerId && typeof p.time === 'number') this.offsets.set(p.peerId, p.time - received);
    }
    const clients = this.clientsByPeer.get(peer) ?? new Set<number>();
    for (const client of states.keys()) if (!before.has(client)) clients.add(client);
    this.clientsByPeer.set(peer, clients);
  }

  /** How far a till's clock is from this one's (ms, positive when ahead), if known. */
  clockOffset(peerId: string): number | null {
    return this.offsets.get(peerId) ?? null;
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
