/** An UpdateStore in memory: for tests and tools that need no disk. */
import type { DocEntry, DocState, StoredDoc, UpdateStore } from './update-store.ts';

interface MemoryDoc {
  state: DocState;
  snapshot: Uint8Array | null;
  updates: Array<{ id: number; data: Uint8Array }>;
}

export class MemoryUpdateStore implements UpdateStore {
  private docs = new Map<string, MemoryDoc>();
  private nextId = 1;

  listDocs(state?: DocState): DocEntry[] {
    return [...this.docs]
      .filter(([, doc]) => !state || doc.state === state)
      .map(([name, doc]) => ({
        name,
        state: doc.state,
        updates: doc.updates.length,
        bytes: (doc.snapshot?.length ?? 0) + doc.updates.reduce((sum, u) => sum + u.data.length, 0),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  load(name: string): StoredDoc {
    const doc = this.docs.get(name);
    return {
      snapshot: doc?.snapshot ?? null,
      updates: doc?.updates.map((u) => u.data) ?? [],
      lastId: doc?.updates.at(-1)?.id ?? 0,
    };
  }

  append(name: string, update: Uint8Array): number {
    const id = this.nextId++;
    this.doc(name).updates.push({ id, data: update.slice() });
    return id;
  }

  compact(name: string, state: Uint8Array, uptoId: number): void {
    const doc = this.doc(name);
    doc.snapshot = state.slice();
    doc.updates = doc.updates.filter((u) => u.id > uptoId);
  }

  setState(name: string, state: DocState): void {
    this.doc(name).state = state;
  }

  purge(name: string): void {
    const doc = this.docs.get(name);
    if (doc?.state !== 'closed')
      throw new Error(`only a closed document is purged (${name} is not)`);
    doc.snapshot = null;
    doc.updates = [];
  }

  /** Rolls back by restoring a copy of everything if `fn` throws; nothing here waits for a disk. */
  transaction<T>(fn: () => T): T {
    const saved = new Map(
      [...this.docs].map(([name, doc]) => [name, { ...doc, updates: [...doc.updates] }]),
    );
    const savedId = this.nextId;
    try {
      return fn();
    } catch (error) {
      this.docs = saved;
      this.nextId = savedId;
      throw error;
    }
  }

  close(): void {}

  private doc(name: string): MemoryDoc {
    let doc = this.docs.get(name);
    if (!doc) {
      doc = { state: 'live', snapshot: null, updates: [] };
      this.docs.set(name, doc);
    }
    return doc;
  }
}
