import { describe, expect, it } from 'vitest';
import { duplicateBarcodes, planCatalogueImport } from '../../crdt/catalogue-import.ts';
import type { ImportTable } from '../../crdt/catalogue-import.ts';
import { parseCsv } from '../../crdt/csv.ts';
import { withCheckDigit, hasValidCheckDigit } from '../../crdt/ean.ts';
import { alice, product, testCatalogue, testClock, vat20 } from '../helpers/domain.ts';

function table(csv: string): ImportTable {
  const [header, ...rows] = parseCsv(csv);
  return { columns: header?.cells ?? [], rows };
}

function plan(csv: string, existing = [product('known', 100, vat20, ['4006381333931'])]) {
  const cat = testCatalogue(existing);
  let n = 0;
  const clock = testClock();
  return planCatalogueImport(table(csv), {
    catalogue: cat.index,
    decimals: 2,
    at: clock.now(),
    by: alice,
    newId: () => `new-${++n}`,
  });
}

describe('CSV', () => {
  it('parses quotes, doubled quotes, embedded newlines, CRLF and a BOM', () => {
    const records = parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\n"multi\nline",2\n\n');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['multi\nline', '2'] },
    ]);
  });
  it('reports an unterminated quote with its line', () => {
    expect(() => parseCsv('a\n"open')).toThrow(/line 2/);
  });
});

describe('EAN-13', () => {
  it('computes and checks GS1 check digits', () => {
    expect(withCheckDigit('400638133393')).toBe('4006381333931');
    expect(hasValidCheckDigit('4006381333931')).toBe(true);
    expect(hasValidCheckDigit('4006381333932')).toBe(false);
    expect(hasValidCheckDigit('96385074')).toBe(true);
  });
});

describe('catalogue import', () => {
  it('imports good rows, updates by barcode, creates categories, reports bad rows by line and column', () => {
    const result = plan(
      [
        'Barcode,Name,Price,Tax,Category,Active',
        '5012345678900,Red wine,12.99,VAT 20%,Drinks,yes',
        '4006381333931,Known renamed,1.10,20%,drinks,',
        '5012345678901,Bad check digit,1.00,VAT 20%,,',
        ',Bad price,1.234,VAT 20%,,',
        ',Bad tax,1.00,GST,,',
        '5012345678900,Duplicate barcode,1.00,VAT 20%,,',
        ',Bad active,1.00,VAT 20%,,maybe',
        ',Too few cells',
      ].join('\n'),
    );
    expect(result.products.map((p) => [p.id, p.name, p.price, p.active])).toEqual([
      ['new-2', 'Red wine', 1299, true],
      ['known', 'Known renamed', 110, true],
    ]);
    expect(result.categories).toEqual([
      expect.objectContaining({ id: 'new-1', name: 'Drinks', updatedBy: alice }),
    ]);
    expect(result.products[1]?.categoryId).toBe('new-1');
    expect([result.created, result.updated]).toEqual([1, 1]);
    const errors = [...result.errors].sort((a, b) => a.line - b.line);
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [4, 'barcode'],
      [5, 'price'],
      [6, 'tax'],
      [7, 'barcode'],
      [8, 'active'],
      [9, null],
    ]);
    expect(errors[0]?.message).toMatch(/check digit/);
    expect(errors[3]?.message).toMatch(/already used on line 2/);
  });

  it('refuses a header with unknown columns or nothing to identify a product', () => {
    expect(() => plan('name,price,colour\n')).toThrow(/unknown column "colour"/);
    expect(() => plan('price,tax\n')).toThrow(/needs an id, barcode or name column/);
  });

  it('keeps the values of columns a file does not have, and refuses new products without them', () => {
    const known = {
      ...product('known', 100, vat20, ['4006381333931']),
      categoryId: 'cat' as never,
      active: false,
    };
    const result = plan(['barcode,price', '4006381333931,2.50', '5012345678900,1.00'].join('\n'), [
      known,
    ]);
    expect(result.products).toEqual([
      expect.objectContaining({
        id: 'known',
        name: known.name,
        price: 250,
        barcodes: ['4006381333931'],
        categoryId: 'cat',
        active: false,
      }),
    ]);
    expect(result.errors).toEqual([
      { line: 3, column: null, message: 'is a new product: it needs name, price and tax columns' },
    ]);
  });

  it('finds barcodes used twice in a table', () => {
    expect(duplicateBarcodes(table('barcode,name\n111|222,a\n333,b\n222,c\n444 111,d'))).toEqual([
      { line: 4, column: 'barcode', message: '222 is already used on line 2' },
      { line: 5, column: 'barcode', message: '111 is already used on line 2' },
    ]);
  });
});
