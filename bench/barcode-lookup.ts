/**
 * Barcode lookup in a 100,000-product catalogue held in a Yjs document, through
 * the validating index; baseline: a plain Map lookup over the same keys. Lookups
 * are timed in batches of 1,000 (a single one is below the timer's resolution).
 */
import * as Y from 'yjs';
import { CatalogueIndex, putProduct, putTax } from '../crdt/catalogue.ts';
import { withCheckDigit } from '../crdt/ean.ts';
import type { Hlc } from '../crdt/hlc.ts';
import type { ProductId, StaffId, TaxId } from '../crdt/ids.ts';
import type { Product } from '../crdt/schema.ts';
import type { Row } from './stats.ts';
import { summarize } from './stats.ts';

const PRODUCTS = 100_000;
const BATCH = 1_000;
const BATCHES = 500;

export function barcodeLookup(): Row[] {
  const doc = new Y.Doc();
  const codes: string[] = [];
  const plain = new Map<string, Product>();
  const buildStart = performance.now();
  doc.transact(() => {
    putTax(doc, {
      id: 'vat' as TaxId,
      name: 'VAT',
      rateBp: 2000,
      included: true,
      updatedAt: '000001700000000:000000:B1' as Hlc,
      updatedBy: { id: 'bench' as StaffId, name: 'Bench' },
    });
    for (let i = 0; i < PRODUCTS; i++) {
      const code = withCheckDigit(`20${String(i).padStart(10, '0')}`);
      codes.push(code);
      const product: Product = {
        id: `p${i}` as ProductId,
        name: `Product ${i}`,
        barcodes: [code],
        price: 100 + (i % 5000),
        taxId: 'vat' as TaxId,
        categoryId: null,
        active: true,
        updatedAt: '000001700000000:000000:B1' as Hlc,
        updatedBy: { id: 'bench' as StaffId, name: 'Bench' },
      };
      putProduct(doc, product);
      plain.set(code, product);
    }
  });
  const docMs = performance.now() - buildStart;
  const indexStart = performance.now();
  const index = new CatalogueIndex(doc, () => {});
  const indexMs = performance.now() - indexStart;
  if (index.productCount !== PRODUCTS)
    throw new Error(`index holds ${index.productCount} products`);

  let seed = 42;
  const pick = () => codes[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % codes.length]!;
  const time = (lookup: (code: string) => Product | undefined): number[] => {
    const samples: number[] = [];
    for (let b = 0; b < BATCHES; b++) {
      const batch = Array.from({ length: BATCH }, pick);
      const start = performance.now();
      let found = 0;
      for (const code of batch) if (lookup(code)) found++;
      const elapsed = performance.now() - start;
      if (found !== BATCH) throw new Error('lookup missed');
      samples.push((elapsed * 1e6) / BATCH); // ns per lookup
    }
    return samples;
  };
  const indexed = time((code) => index.byBarcode(code));
  const baseline = time((code) => plain.get(code));
  return [
    {
      name: 'barcode lookup, 100k products',
      unit: 'ns',
      result: summarize(indexed),
      baseline: { name: 'plain Map.get', result: summarize(baseline) },
      note: `building the 100k-product document took ${docMs.toFixed(0)} ms, validating and indexing it ${indexMs.toFixed(0)} ms`,
    },
  ];
}
