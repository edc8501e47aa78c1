/**
 * Things the people at this till should hear of (a claim lost, a bad scan), in
 * memory with a sequence number so a screen can ask "what since N". Bounded:
 * the oldest go first. A key given once is never told again.
 */
export const MAX_NOTICES = 500;

export type Posted<T> = T & { seq: number; at: string };

export class NoticeBoard<T extends object> {
  private readonly notices: Array<Posted<T>> = [];
  private readonly given = new Set<string>();
  private readonly listeners = new Set<(notice: Posted<T>) => void>();
  private seq = 0;

  /** Posts a notice (once per key, when a key is given); returns it, or undefined if told before. */
  add(notice: T, key?: string): Posted<T> | undefined {
    if (key !== undefined) {
      if (this.given.has(key)) return undefined;
      this.given.add(key);
    }
    const posted = { ...notice, seq: ++this.seq, at: new Date().toISOString() };
    this.notices.push(posted);
    if (this.notices.length > MAX_NOTICES) this.notices.shift();
    for (const listener of this.listeners) listener(posted);
    return posted;
  }

  since(seq: number): Array<Posted<T>> {
    return this.notices.filter((n) => n.seq > seq);
  }

  onAdd(listener: (notice: Posted<T>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
