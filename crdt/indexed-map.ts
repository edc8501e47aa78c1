/**
 * A validated, incrementally maintained copy of one Y.Map of records: the map is
 * read once, then only changed keys are re-read, so lookups are plain Map hits.
 */
import type * as Y from 'yjs';

export class IndexedMap<T> {
  readonly records = new Map<string, T>();
  constructor(
    private readonly map: Y.Map<unknown>,
    private readonly read: (key: string) => T | undefined,
    private readonly onChange: (key: string, before: T | undefined, after: T | undefined) => void,
  ) {
    map.forEach((_value, key) => this.refresh(key));
    map.observe(this.observer);
  }
  private readonly observer = (event: Y.YMapEvent<unknown>): void => {
    for (const key of event.keysChanged as Set<string>) this.refresh(key);
  };
  private refresh(key: string): void {
    const before = this.records.get(key);
    const after = this.map.has(key) ? this.read(key) : undefined;
    if (after === undefined) this.records.delete(key);
    else this.records.set(key, after);
    this.onChange(key, before, after);
  }
  destroy(): void {
    this.map.unobserve(this.observer);
  }
}
