/**
 * First-run seeding. Settings and the till's own registry entry are written only
 * where missing, so a manager's later edits are never overwritten by a restart.
 */
import { putCategory, putProduct, putStaff, putTax } from '../../crdt/catalogue.ts';
import { readTill, writeMeshSettings, writeTill } from '../../crdt/settings.ts';
import { SETTINGS } from '../../crdt/documents.ts';
import { hashPin } from '../auth/pin-hash.ts';
import type { TillConfig } from '../config/load-config.ts';
import { DEMO_STAFF, DEMO_TAXES, demoCategories, demoProducts } from '../demo/demo-catalogue.ts';
import type { TillContext } from './context.ts';
import { commit } from './context.ts';

export function seedSettings(ctx: TillContext, config: TillConfig): void {
  const doc = ctx.settingsDoc;
  commit(ctx, doc, () => {
    if (!doc.getMap(SETTINGS.mesh).has('currency'))
      writeMeshSettings(doc, { currency: config.currency });
    const own = readTill(doc, ctx.code, ctx.report);
    if (!own) writeTill(doc, { code: ctx.code, name: config.till.name, roles: config.roles });
    else if (own.name !== config.till.name) writeTill(doc, { ...own, name: config.till.name });
  });
}

/** Seeds the demo shop into an empty catalogue; returns whether it did. */
export function seedDemo(ctx: TillContext): boolean {
  const doc = ctx.catalogueDoc;
  if (ctx.catalogue.productCount > 0) return false;
  commit(ctx, doc, () => {
    for (const tax of DEMO_TAXES) putTax(doc, tax);
    for (const category of demoCategories()) putCategory(doc, category);
    for (const product of demoProducts()) putProduct(doc, product);
    if (ctx.catalogue.allStaff().length === 0) {
      for (const s of DEMO_STAFF)
        putStaff(doc, {
          id: s.id,
          name: s.name,
          role: s.role,
          pinHash: hashPin(s.pin),
          active: true,
        });
    }
  });
  ctx.log.info('demo catalogue seeded', {
    products: ctx.catalogue.productCount,
    staff: DEMO_STAFF.map((s) => s.name),
  });
  return true;
}
