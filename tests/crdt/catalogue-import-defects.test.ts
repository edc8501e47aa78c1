/** The import defects found by trying it: each of these failed before its fix. */
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../crdt/api-types.ts';
import { importCatalogueCsv } from '../../crdt/catalogue-import-batches.ts';
import type { ImportTable } from '../../crdt/catalogue-import.ts';
import { planCatalogueImport } from '../../crdt/catalogue-import.ts';
import { parseCsv } from '../../crdt/csv.ts';
import { alice, product, testCatalogue, testClock, vat20 } from '../helpers/domain.ts';

const known = () => ({ ...product('known', 100, vat20, ['4006381333931']), name: 'Known' });

function plan(csv: string) {
  const [header, ...rows] = parseCsv(csv);
  let n = 0;
  return planCatalogueImport(
    { columns: header?.cells ?? [], rows },
    {
      catalogue: testCatalogue([known()]).index,
      decimals: 2,
      at: testClock().now(),
      by: alice,
      newId: () => `new-${++n}`,
    },
  );
}

describe('catalogue import defects', () => {
  it('lists errors in the order of the file, a barcode used twice among them', () => {
    const result = plan(
      [
        'barcode,name,price,tax',
        '5012345678900,Wine,1.00,VAT 20%',
        ',Bad price,one,VAT 20%',
        '5012345678900,Twice,1.00,VAT 20%',
        ',Bad tax,1.00,GST',
      ].join('\n'),
    );
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'price'],
      [4, 'barcode'],
      [5, 'tax'],
    ]);
  });

  it('keeps the current values of empty cells: a price-only row of a full file', () => {
    const result = plan(
      ['barcode,name,price,tax,category,active', '4006381333931,,2.50,,,'].join('\n'),
    );
    expect(result.errors).toEqual([]);
    expect(result.products).toEqual([
      expect.objectContaining({ id: 'known', name: 'Known', price: 250, taxId: vat20.id }),
    ]);
  });

  it('says which cell a new product misses when its column is there but empty', () => {
    const result = plan(['barcode,name,price,tax', '5012345678900,New,1.00,'].join('\n'));
    expect(result.errors).toEqual([
      { line: 2, column: 'tax', message: 'is a new product: its tax is empty' },
    ]);
  });

  it('answers every row in words with its column, never with a schema message', () => {
    const result = plan(
      ['id,name,price,tax', `p1,${'x'.repeat(121)},1.00,VAT 20%`, 'a b,Spaced,1.00,VAT 20%'].join(
        '\n',
      ),
    );
    expect(result.errors).toEqual([
      { line: 2, column: 'name', message: 'a name has at most 120 characters' },
      { line: 3, column: 'id', message: 'an id is 1 to 64 letters, digits or _ . : -' },
    ]);
  });

  it('counts progress over every row of the file and merges batch errors in file order', async () => {
    const rows = ['barcode,name,price,tax'];
    for (let i = 0; i < 8; i++) rows.push(`,Item ${i},1.00,VAT 20%`);
    rows.splice(2, 0, '4006381333931,Known,1.00,VAT 20%', '4006381333931,Again,1.00,VAT 20%');
    const sent: ImportTable[] = [];
    const progress: Array<[number, number]> = [];
    const totals = await importCatalogueCsv(
      rows.join('\n'),
      (batch): Promise<ImportResult> => {
        sent.push(batch);
        const last = batch.rows.at(-1)!.line;
        return Promise.resolve({
          created: batch.rows.length - 1,
          updated: 0,
          categories: 0,
          errors: [{ line: last, column: 'price', message: 'bad' }],
        });
      },
      (done, total) => progress.push([done, total]),
    );
    expect(totals.rows).toBe(10);
    expect(progress.at(-1)).toEqual([10, 10]);
    expect(sent[0]?.rows.map((r) => r.line)).not.toContain(4);
    expect(totals.errors.map((e) => e.line)).toEqual([4, 11]);
  });
});
