/** The staff document: who may sign in, with which role and PIN hash. */
import type * as Y from 'yjs';
import { STAFF, STAFF_DOC } from './documents.ts';
import type { StaffId } from './ids.ts';
import { IndexedMap } from './indexed-map.ts';
import type { InvalidReporter } from './records.ts';
import { recordMap } from './records.ts';
import type { Staff } from './schema.ts';
import { staffSchema } from './schema.ts';

/** A staff record as it was and is now (undefined: absent, or no longer valid). */
export type StaffChangeListener = (
  id: StaffId,
  before: Staff | undefined,
  after: Staff | undefined,
) => void;

export class StaffDirectory {
  private readonly staff: IndexedMap<Staff>;
  private readonly listeners = new Set<StaffChangeListener>();

  constructor(doc: Y.Doc, report: InvalidReporter) {
    const records = recordMap(doc, STAFF_DOC, STAFF.staff, staffSchema, report, 'id');
    this.staff = new IndexedMap<Staff>(
      doc.getMap(STAFF.staff),
      (key) => records.get(key),
      (key, before, after) => {
        for (const listener of this.listeners) listener(key as StaffId, before, after);
      },
    );
  }

  /** Hears of every change to a staff record, made here or arrived by sync. */
  onChange(listener: StaffChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  member(id: StaffId): Staff | undefined {
    return this.staff.records.get(id);
  }

  all(): Staff[] {
    return [...this.staff.records.values()];
  }

  destroy(): void {
    this.staff.destroy();
  }
}

export function putStaff(doc: Y.Doc, staff: Staff): void {
  doc.getMap(STAFF.staff).set(staff.id, staffSchema.parse(staff));
}
