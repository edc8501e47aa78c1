/**
 * First-run seeding. Settings and the till's own registry entry are written only
 * where missing, so a manager's later edits are never overwritten by a restart.
 */
import { createHash } from 'node:crypto';
import { putCategory, putProduct, putTax } from '../../crdt/catalogue.ts';
import { SETTINGS } from '../../crdt/documents.ts';
import { readTill, writeMeshSettings, writeTill } from '../../crdt/settings.ts';
import { putStaff } from '../../crdt/staff.ts';
import { hashPin } from '../auth/pin-hash.ts';
import type { TillConfig } from '../config/load-config.ts';
import {
  DEMO_AUTHOR,
  DEMO_STAFF,
  DEMO_TAXES,
  DEMO_TIMESTAMP,
  demoCategories,
  demoProducts,
} from '../demo/demo-catalogue.ts';
import { SYSTEM } from './access.ts';
import type { TillContext } from './context.ts';
import { commit } from './context.ts';

/**
 * Only the till that made the mesh seeds mesh-wide settings: a joining till
 * writing its defaults into an empty document before the first sync would be a
 * concurrent write, settled by Yjs client id — a joining till's currency could
 * replace the mesh's. A joining till takes the settings from the mesh.
 */
export function seedSettings(ctx: TillContext, config: TillConfig, founder: boolean): void {
  const doc = ctx.settingsDoc;
  const edit = { updatedAt: ctx.clock.now(), updatedBy: SYSTEM };
  commit(ctx, doc, () => {
    if (founder && !doc.getMap(SETTINGS.mesh).has('currency')) {
      writeMeshSettings(doc, { currency: config.currency }, { at: edit.updatedAt, by: SYSTEM });
    }
    const own = readTill(doc, ctx.code, ctx.report);
    if (!own)
      writeTill(doc, {
        code: ctx.code,
        name: config.till.name,
        roles: config.roles,
        ...(config.till.language ? { language: config.till.language } : {}),
        ...edit,
      });
    else if (own.name !== config.till.name)
      writeTill(doc, { ...own, name: config.till.name, ...edit });
  });
}

/** Seeds the demo shop into an empty catalogue, and demo staff if there are none; returns whether it did. */
export function seedDemo(ctx: TillContext): boolean {
  if (ctx.catalogue.productCount > 0) return false;
  const doc = ctx.catalogueDoc;
  commit(ctx, doc, () => {
    for (const tax of DEMO_TAXES) putTax(doc, tax);
    for (const category of demoCategories()) putCategory(doc, category);
    for (const product of demoProducts()) putProduct(doc, product);
  });
  if (ctx.staff.all().length === 0) {
    commit(ctx, ctx.staffDoc, () => {
      for (const s of DEMO_STAFF) {
        putStaff(ctx.staffDoc, {
          id: s.id,
          name: s.name,
          role: s.role,
          pinHash: hashPin(
            s.pin,
            createHash('sha256').update(`posmesh demo ${s.id}`).digest().subarray(0, 16),
          ),
          active: true,
          updatedAt: DEMO_TIMESTAMP,
          updatedBy: DEMO_AUTHOR,
        });
      }
    });
  }
  ctx.log.info('demo catalogue seeded', {
    products: ctx.catalogue.productCount,
    staff: DEMO_STAFF.map((s) => s.name),
  });
  return true;
}
