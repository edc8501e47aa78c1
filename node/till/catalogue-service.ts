/** Manager edits of the catalogue and staff, and CSV import. */
import { putCategory, putProduct, putTax } from '../../crdt/catalogue.ts';
import type { ImportResult } from '../../crdt/api-types.ts';
import type { ImportTable } from '../../crdt/catalogue-import.ts';
import { planCatalogueImport } from '../../crdt/catalogue-import.ts';
import { hasValidCheckDigit, isGs1Shaped } from '../../crdt/ean.ts';
import { invalid, notFound } from '../../crdt/errors.ts';
import type { CategoryId, ProductId, TaxId } from '../../crdt/ids.ts';
import { currencyDecimals } from '../../crdt/money.ts';
import { describeIssues } from '../../crdt/records.ts';
import type { Category, Product, Tax } from '../../crdt/schema.ts';
import { categorySchema, productSchema, taxSchema } from '../../crdt/schema.ts';
import { newId } from '../../crdt/ids.ts';
import type { Actor } from '../auth/sessions.ts';
import { requireManager, staffRef } from './access.ts';
import type { TillContext } from './context.ts';
import { commit, meshSettings } from './context.ts';
import type { z } from 'zod';

export interface ProductInput {
  id?: string;
  name: string;
  barcodes: string[];
  price: number;
  taxId: string;
  categoryId: string | null;
  active: boolean;
}

export function parseRecord<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid('INVALID_RECORD', `${what}: ${describeIssues(result.error)}`);
  return result.data;
}

export class CatalogueService {
  constructor(private readonly ctx: TillContext) {}

  search(query: string, limit = 50): Product[] {
    const q = query.trim().toLowerCase();
    const exact = q ? this.ctx.catalogue.byBarcode(query.trim()) : undefined;
    const found = exact ? [exact] : [];
    for (const p of this.ctx.catalogue.allProducts()) {
      if (found.length >= limit) break;
      if (
        p !== exact &&
        (!q || p.name.toLowerCase().includes(q) || p.barcodes.some((b) => b.startsWith(q)))
      )
        found.push(p);
    }
    return found;
  }

  upsertProduct(actor: Actor, input: ProductInput): Product {
    requireManager(actor, 'editing the catalogue');
    if (!this.ctx.catalogue.tax(input.taxId as TaxId))
      throw notFound('UNKNOWN_TAX', `no tax ${input.taxId}`);
    if (input.categoryId && !this.ctx.catalogue.category(input.categoryId as CategoryId)) {
      throw notFound('UNKNOWN_CATEGORY', `no category ${input.categoryId}`);
    }
    for (const code of input.barcodes ?? []) {
      if (isGs1Shaped(code) && !hasValidCheckDigit(code)) {
        throw invalid('BAD_CHECK_DIGIT', `barcode ${code} has a wrong check digit`);
      }
    }
    const product = parseRecord(
      productSchema,
      { ...input, id: input.id ?? newId<ProductId>(), ...this.edited(actor) },
      'product',
    );
    commit(this.ctx, this.ctx.catalogueDoc, () => putProduct(this.ctx.catalogueDoc, product));
    return product;
  }

  upsertCategory(actor: Actor, input: { id?: string; name: string }): Category {
    requireManager(actor, 'editing the catalogue');
    const category = parseRecord(
      categorySchema,
      { ...input, id: input.id ?? newId<CategoryId>(), ...this.edited(actor) },
      'category',
    );
    commit(this.ctx, this.ctx.catalogueDoc, () => putCategory(this.ctx.catalogueDoc, category));
    return category;
  }

  upsertTax(
    actor: Actor,
    input: { id?: string; name: string; rateBp: number; included: boolean },
  ): Tax {
    requireManager(actor, 'editing taxes');
    const tax = parseRecord(
      taxSchema,
      { ...input, id: input.id ?? newId<TaxId>(), ...this.edited(actor) },
      'tax',
    );
    commit(this.ctx, this.ctx.catalogueDoc, () => putTax(this.ctx.catalogueDoc, tax));
    return tax;
  }

  /** One batch of CSV rows: good rows commit together, bad rows come back with line and reason. */
  importTable(actor: Actor, table: ImportTable): ImportResult {
    requireManager(actor, 'importing the catalogue');
    const plan = planCatalogueImport(table, {
      catalogue: this.ctx.catalogue,
      decimals: currencyDecimals(meshSettings(this.ctx).currency),
      at: this.ctx.clock.now(),
      by: staffRef(actor),
      newId: () => newId(),
    });
    commit(this.ctx, this.ctx.catalogueDoc, () => {
      for (const category of plan.categories) putCategory(this.ctx.catalogueDoc, category);
      for (const product of plan.products) putProduct(this.ctx.catalogueDoc, product);
    });
    this.ctx.log.info('catalogue rows imported', {
      created: plan.created,
      updated: plan.updated,
      errors: plan.errors.length,
      by: actor.name,
    });
    return {
      created: plan.created,
      updated: plan.updated,
      categories: plan.categories.length,
      errors: plan.errors,
    };
  }

  private edited(actor: Actor) {
    return { updatedAt: this.ctx.clock.now(), updatedBy: staffRef(actor) };
  }
}
