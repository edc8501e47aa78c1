/**
 * The settings document: mesh-wide settings (one key per field, so concurrent
 * edits of different fields both survive) and the registry of tills with their
 * transfer roles.
 */
import type * as Y from 'yjs';
import { SETTINGS, SETTINGS_DOC } from './documents.ts';
import type { TillCode } from './ids.ts';
import type { InvalidReporter } from './records.ts';
import { describeIssues, recordMap } from './records.ts';
import { invalid } from './errors.ts';
import type { Hlc } from './hlc.ts';
import type { MeshSettings, StaffRef, TillInfo } from './schema.ts';
import { meshSettingsSchema, tillInfoSchema } from './schema.ts';

export const DEFAULT_MESH_SETTINGS: MeshSettings = {
  currency: 'EUR',
  shopName: 'posmesh shop',
  receiptHeader: '',
  receiptFooter: 'Thank you!',
  transfersEnabled: true,
  provisionalRefundLimit: 10_000,
  approvals: {
    discountAboveBp: 1_000,
    priceOverride: true,
    voidWithLines: true,
    cashOutAbove: 0,
    noSaleDrawer: true,
  },
  scaleBarcodes: [],
};

export function readMeshSettings(doc: Y.Doc, report: InvalidReporter): MeshSettings {
  const map = doc.getMap<unknown>(SETTINGS.mesh);
  const settings = { ...DEFAULT_MESH_SETTINGS };
  for (const key of Object.keys(meshSettingsSchema.shape) as Array<keyof MeshSettings>) {
    const raw = map.get(key);
    if (raw === undefined) continue;
    const parsed = meshSettingsSchema.shape[key].safeParse(raw);
    if (parsed.success) Object.assign(settings, { [key]: parsed.data });
    else
      report({ doc: SETTINGS_DOC, map: SETTINGS.mesh, key, reason: describeIssues(parsed.error) });
  }
  return settings;
}

/** Writes only the given fields, each validated, and who changed them last. */
export function writeMeshSettings(
  doc: Y.Doc,
  patch: Partial<MeshSettings>,
  edit: { at: Hlc; by: StaffRef },
): void {
  const parsed = meshSettingsSchema.partial().strict().safeParse(patch);
  if (!parsed.success) throw invalid('INVALID_SETTINGS', describeIssues(parsed.error));
  const map = doc.getMap<unknown>(SETTINGS.mesh);
  doc.transact(() => {
    for (const [key, value] of Object.entries(parsed.data))
      if (value !== undefined) map.set(key, value);
    map.set(SETTINGS_EDITED.at, edit.at);
    map.set(SETTINGS_EDITED.by, edit.by);
  });
}

/** Keys of the mesh map that record the last edit. */
export const SETTINGS_EDITED = { at: 'updatedAt', by: 'updatedBy' } as const;

export function readTills(doc: Y.Doc, report: InvalidReporter): TillInfo[] {
  return recordMap(doc, SETTINGS_DOC, SETTINGS.tills, tillInfoSchema, report, 'code')
    .entries()
    .map(([, till]) => till)
    .sort((a, b) => a.code.localeCompare(b.code));
}

export function readTill(
  doc: Y.Doc,
  code: TillCode,
  report: InvalidReporter,
): TillInfo | undefined {
  return recordMap(doc, SETTINGS_DOC, SETTINGS.tills, tillInfoSchema, report, 'code').get(code);
}

export function writeTill(doc: Y.Doc, till: TillInfo): void {
  doc.getMap(SETTINGS.tills).set(till.code, tillInfoSchema.parse(till));
}
