/**
 * The catalogue document: products, categories and taxes, one plain record
 * per key (last writer wins per record, acceptable for manager edits). The index
 * keeps validated records and a barcode map, updated incrementally as the
 * document changes, so a scan is a hash lookup even with 100,000 products.
 */
import type * as Y from 'yjs';
import { CATALOGUE, CATALOGUE_DOC } from './documents.ts';
import type { CategoryId, ProductId, TaxId } from './ids.ts';
import type { InvalidReporter } from './records.ts';
import { recordMap } from './records.ts';
import type { Category, Product, Tax } from './schema.ts';
import { categorySchema, productSchema, taxSchema } from './schema.ts';
import type { z } from 'zod';
import { IndexedMap } from './indexed-map.ts';

export interface CatalogueView {
  product(id: ProductId): Product | undefined;
  byBarcode(code: string): Product | undefined;
  tax(id: TaxId): Tax | undefined;
}

export class CatalogueIndex implements CatalogueView {
  private readonly barcodeOwners = new Map<string, ProductId[]>();
  private readonly products: IndexedMap<Product>;
  private readonly categories: IndexedMap<Category>;
  private readonly taxes: IndexedMap<Tax>;

  constructor(doc: Y.Doc, report: InvalidReporter) {
    const indexed = <T>(
      name: string,
      schema: z.ZodType<T>,
      onChange: (key: string, before: T | undefined, after: T | undefined) => void = () => {},
    ) => {
      const records = recordMap(doc, CATALOGUE_DOC, name, schema, report, 'id' as keyof T);
      return new IndexedMap<T>(doc.getMap(name), (key) => records.get(key), onChange);
    };
    this.products = indexed<Product>(CATALOGUE.products, productSchema, (_key, before, after) => {
      if (before) for (const code of before.barcodes) this.removeOwner(code, before.id);
      if (after) for (const code of after.barcodes) this.addOwner(code, after.id);
    });
    this.categories = indexed(CATALOGUE.categories, categorySchema);
    this.taxes = indexed(CATALOGUE.taxes, taxSchema);
  }

  product(id: ProductId): Product | undefined {
    return this.products.records.get(id);
  }

  /**
   * Two products can claim one barcode (concurrent edits on two tills); the most
   * recently edited one answers, on every till alike.
   */
  byBarcode(code: string): Product | undefined {
    const owners = this.barcodeOwners.get(code);
    if (!owners) return undefined;
    let best: Product | undefined;
    for (const id of owners) {
      const product = this.products.records.get(id);
      if (!product) continue;
      if (
        !best ||
        product.updatedAt > best.updatedAt ||
        (product.updatedAt === best.updatedAt && product.id > best.id)
      ) {
        best = product;
      }
    }
    return best;
  }

  /** Barcodes claimed by more than one product, for the manager to fix. */
  barcodeConflicts(): Array<{ barcode: string; products: ProductId[] }> {
    return [...this.barcodeOwners]
      .filter(([, owners]) => owners.length > 1)
      .map(([barcode, products]) => ({ barcode, products }));
  }

  tax(id: TaxId): Tax | undefined {
    return this.taxes.records.get(id);
  }
  category(id: CategoryId): Category | undefined {
    return this.categories.records.get(id);
  }
  allProducts(): Product[] {
    return [...this.products.records.values()];
  }
  allCategories(): Category[] {
    return [...this.categories.records.values()];
  }
  allTaxes(): Tax[] {
    return [...this.taxes.records.values()];
  }
  get productCount(): number {
    return this.products.records.size;
  }

  destroy(): void {
    for (const indexed of [this.products, this.categories, this.taxes]) indexed.destroy();
  }

  private addOwner(code: string, id: ProductId): void {
    const owners = this.barcodeOwners.get(code);
    if (!owners) this.barcodeOwners.set(code, [id]);
    else if (!owners.includes(id)) owners.push(id);
  }
  private removeOwner(code: string, id: ProductId): void {
    const owners = this.barcodeOwners.get(code)?.filter((owner) => owner !== id);
    if (!owners?.length) this.barcodeOwners.delete(code);
    else this.barcodeOwners.set(code, owners);
  }
}

/** Writes validate first: a till never puts a record in a document that it would reject. */
export function putProduct(doc: Y.Doc, product: Product): void {
  doc.getMap(CATALOGUE.products).set(product.id, productSchema.parse(product));
}
export function putCategory(doc: Y.Doc, category: Category): void {
  doc.getMap(CATALOGUE.categories).set(category.id, categorySchema.parse(category));
}
export function putTax(doc: Y.Doc, tax: Tax): void {
  doc.getMap(CATALOGUE.taxes).set(tax.id, taxSchema.parse(tax));
}
