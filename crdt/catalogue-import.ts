/**
 * Turning CSV rows into catalogue records, with an error per bad row that names
 * the line and the column. Good rows go in; bad rows are reported, never guessed.
 *
 * Columns (header, any order, case-insensitive): name, price, tax (id, name or
 * rate such as "20%"), and optionally barcode (several separated by "|"),
 * category (id or name; new names create a category), active (yes/no), id.
 * A row updates the product with its id, else the one owning its first barcode.
 */
import type { CatalogueIndex } from './catalogue.ts';
import { hasValidCheckDigit, isGs1Shaped } from './ean.ts';
import type { Hlc } from './hlc.ts';
import type { CategoryId, ProductId } from './ids.ts';
import { parseMoney } from './money.ts';
import type { Category, Product, StaffRef, Tax } from './schema.ts';
import { barcode as barcodeSchema, productSchema } from './schema.ts';
import { describeIssues } from './records.ts';
import { DomainError, invalid } from './errors.ts';

export interface ImportTable {
  columns: string[];
  rows: Array<{ line: number; cells: string[] }>;
}

export interface RowError {
  line: number;
  column: string | null;
  message: string;
}

export interface ImportPlan {
  products: Product[];
  categories: Category[];
  errors: RowError[];
  created: number;
  updated: number;
}

export interface ImportContext {
  catalogue: Pick<CatalogueIndex, 'allTaxes' | 'allCategories' | 'byBarcode' | 'product'>;
  decimals: number;
  at: Hlc;
  by: StaffRef;
  newId: () => string;
}

const KNOWN = ['barcode', 'name', 'price', 'tax', 'category', 'active', 'id'] as const;
type Column = (typeof KNOWN)[number];
const REQUIRED: Column[] = ['name', 'price', 'tax'];

class RowProblem extends Error {
  constructor(
    readonly column: Column | null,
    message: string,
  ) {
    super(message);
  }
}

export function checkColumns(columns: string[]): Map<Column, number> {
  const index = new Map<Column, number>();
  columns.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!(KNOWN as readonly string[]).includes(name)) {
      throw invalid('CSV_UNKNOWN_COLUMN', `unknown column "${raw}" (known: ${KNOWN.join(', ')})`);
    }
    if (index.has(name as Column))
      throw invalid('CSV_DUPLICATE_COLUMN', `column "${raw}" appears twice`);
    index.set(name as Column, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length)
    throw invalid('CSV_MISSING_COLUMN', `missing column(s): ${missing.join(', ')}`);
  return index;
}

function findTax(taxes: Tax[], text: string): Tax {
  const wanted = text.trim().toLowerCase();
  const rate = /^(\d+(?:[.,]\d{1,2})?)\s*%$/.exec(wanted);
  const found = taxes.find(
    (t) =>
      t.id.toLowerCase() === wanted ||
      t.name.toLowerCase() === wanted ||
      (rate && t.rateBp === parseMoney(rate[1] ?? '', 2)),
  );
  if (!found)
    throw new RowProblem(
      'tax',
      `unknown tax "${text}" (known: ${taxes.map((t) => t.name).join(', ')})`,
    );
  return found;
}

function parseActive(text: string): boolean {
  const value = text.trim().toLowerCase();
  if (['', 'yes', 'y', 'true', '1'].includes(value)) return true;
  if (['no', 'n', 'false', '0'].includes(value)) return false;
  throw new RowProblem('active', `"${text}" is not yes or no`);
}

function parseBarcodes(text: string): string[] {
  const codes = text.split(/[|\s]+/).filter(Boolean);
  for (const code of codes) {
    if (!barcodeSchema.safeParse(code).success)
      throw new RowProblem('barcode', `"${code}" is not a barcode`);
    if (isGs1Shaped(code) && !hasValidCheckDigit(code)) {
      throw new RowProblem('barcode', `${code} has a wrong check digit`);
    }
  }
  return codes;
}

export function planCatalogueImport(table: ImportTable, ctx: ImportContext): ImportPlan {
  const columns = checkColumns(table.columns);
  const taxes = ctx.catalogue.allTaxes();
  const categoriesByName = new Map(
    ctx.catalogue.allCategories().map((c) => [c.name.toLowerCase(), c]),
  );
  const categoryIds = new Set(ctx.catalogue.allCategories().map((c) => c.id as string));
  const plan: ImportPlan = { products: [], categories: [], errors: [], created: 0, updated: 0 };
  const barcodesInFile = new Map<string, number>();

  for (const row of table.rows) {
    const cell = (c: Column) => (columns.has(c) ? (row.cells[columns.get(c)!] ?? '').trim() : '');
    try {
      if (row.cells.length !== table.columns.length) {
        throw new RowProblem(
          null,
          `has ${row.cells.length} cells, the header has ${table.columns.length}`,
        );
      }
      const barcodes = parseBarcodes(cell('barcode'));
      for (const code of barcodes) {
        const earlier = barcodesInFile.get(code);
        if (earlier !== undefined)
          throw new RowProblem('barcode', `${code} is already used on line ${earlier}`);
      }
      let price: number;
      try {
        price = parseMoney(cell('price'), ctx.decimals);
      } catch (error) {
        throw new RowProblem('price', error instanceof Error ? error.message : String(error));
      }
      if (price < 0) throw new RowProblem('price', 'a price cannot be negative');
      const tax = findTax(taxes, cell('tax'));
      const categoryText = cell('category');
      const knownCategory = categoryIds.has(categoryText)
        ? (categoryText as CategoryId)
        : categoriesByName.get(categoryText.toLowerCase())?.id;
      const givenId = cell('id');
      const existing =
        (givenId ? ctx.catalogue.product(givenId as ProductId) : undefined) ??
        (barcodes[0] ? ctx.catalogue.byBarcode(barcodes[0]) : undefined);
      const id = existing?.id ?? ((givenId || ctx.newId()) as ProductId);
      const newCategory: Category | null =
        categoryText && !knownCategory
          ? { id: ctx.newId() as CategoryId, name: categoryText.slice(0, 60) }
          : null;
      const candidate = {
        id,
        name: cell('name'),
        barcodes,
        price,
        taxId: tax.id,
        categoryId: knownCategory ?? newCategory?.id ?? null,
        active: parseActive(cell('active')),
        updatedAt: ctx.at,
        updatedBy: ctx.by,
      };
      const parsed = productSchema.safeParse(candidate);
      if (!parsed.success) throw new RowProblem(null, describeIssues(parsed.error));
      for (const code of barcodes) barcodesInFile.set(code, row.line);
      if (newCategory) {
        plan.categories.push(newCategory);
        categoriesByName.set(categoryText.toLowerCase(), newCategory);
        categoryIds.add(newCategory.id);
      }
      plan.products.push(parsed.data);
      if (existing) plan.updated++;
      else plan.created++;
    } catch (error) {
      if (error instanceof RowProblem)
        plan.errors.push({ line: row.line, column: error.column, message: error.message });
      else if (error instanceof DomainError)
        plan.errors.push({ line: row.line, column: null, message: error.message });
      else throw error;
    }
  }
  return plan;
}
