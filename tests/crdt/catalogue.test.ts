import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../crdt/documents.ts';
import { putProduct } from '../../crdt/catalogue.ts';
import type { Hlc } from '../../crdt/hlc.ts';
import type { ProductId } from '../../crdt/ids.ts';
import { product, testCatalogue, vat20 } from '../helpers/domain.ts';

describe('catalogue index', () => {
  it('finds products by any of their barcodes and follows edits', () => {
    const cat = testCatalogue([product('p1', 100, vat20, ['4006381333931', 'ABC-1'])]);
    expect(cat.index.byBarcode('ABC-1')?.id).toBe('p1');
    putProduct(cat.doc, { ...product('p1', 100, vat20, ['5012345678900']) });
    expect(cat.index.byBarcode('4006381333931')).toBeUndefined();
    expect(cat.index.byBarcode('5012345678900')?.id).toBe('p1');
    cat.doc.getMap(CATALOGUE.products).delete('p1');
    expect(cat.index.byBarcode('5012345678900')).toBeUndefined();
    expect(cat.index.productCount).toBe(0);
  });

  it('reports and ignores invalid records instead of crashing', () => {
    const cat = testCatalogue([product('ok', 100, vat20, ['111'])]);
    const products = cat.doc.getMap(CATALOGUE.products);
    products.set('bad', { id: 'bad', name: 'Bad', price: 1.5 });
    products.set('shadow', { ...product('ok', 1, vat20) });
    products.set('junk', 'just a string');
    expect(cat.index.productCount).toBe(1);
    expect(cat.invalid.map((r) => r.key).sort()).toEqual(['bad', 'junk', 'shadow']);
    expect(cat.invalid.find((r) => r.key === 'bad')?.reason).toMatch(/price/);
    expect(cat.invalid.find((r) => r.key === 'shadow')?.reason).toMatch(/does not match its key/);
  });

  it('settles a barcode claimed twice the same way on every replica', () => {
    const older = product('p-old', 100, vat20, ['777'], '000001700000000:000000:T1' as Hlc);
    const newer = product('p-new', 200, vat20, ['777'], '000001700000005:000000:T2' as Hlc);
    const a = testCatalogue([older, newer]);
    const b = testCatalogue([newer, older]);
    expect(a.index.byBarcode('777')?.id).toBe('p-new');
    expect(b.index.byBarcode('777')?.id).toBe('p-new');
    expect(a.index.barcodeConflicts()).toEqual([{ barcode: '777', products: ['p-old', 'p-new'] }]);
  });

  it('builds the same index from a replica synced with Yjs updates', () => {
    const source = testCatalogue([product('p1', 100, vat20, ['42'])]);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(source.doc));
    const copy = testCatalogue([]);
    Y.applyUpdate(copy.doc, Y.encodeStateAsUpdate(replica));
    expect(copy.index.product('p1' as ProductId)?.price).toBe(100);
    expect(copy.index.byBarcode('42')?.id).toBe('p1');
  });
});
