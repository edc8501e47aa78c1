/**
 * Turning CSV rows into catalogue records, with an error per bad row that names
 * the line and the column. Good rows go in; bad rows are reported, never guessed.
 *
 * Columns (header, any order, case-insensitive): id, barcode (several separated
 * by "|"), name, price, tax (id, name or rate such as "20%"), category (id or
 * name; new names create a category), active (yes/no). A row updates the
 * product with its id, else the one owning its first barcode, and a column the
 * file lacks or an empty cell keeps the product's value (a price list needs
 * only id or barcode and price); a new product needs name, price and tax.
 */
import type { CatalogueIndex } from './catalogue.ts';
import { hasValidCheckDigit, isGs1Shaped } from './ean.ts';
import type { Hlc } from './hlc.ts';
import type { CategoryId, ProductId } from './ids.ts';
import { MAX_UNIT_PRICE, parseMoney } from './money.ts';
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
const FIELD_COLUMN: Record<string, Column> = {
  id: 'id',
  name: 'name',
  barcodes: 'barcode',
  price: 'price',
  taxId: 'tax',
  categoryId: 'category',
};
const ID_SHAPE = /^[A-Za-z0-9_.:-]{1,64}$/;
const MAX_NAME = 120;
const MAX_BARCODES = 20;

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
  if (!index.has('id') && !index.has('barcode') && !index.has('name')) {
    throw invalid('CSV_MISSING_COLUMN', 'a catalogue file needs an id, barcode or name column');
  }
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

function parsePrice(text: string, decimals: number): number {
  let price: number;
  try {
    price = parseMoney(text, decimals);
  } catch (error) {
    throw new RowProblem('price', error instanceof Error ? error.message : String(error));
  }
  if (price < 0) throw new RowProblem('price', 'a price cannot be negative');
  if (price > MAX_UNIT_PRICE) throw new RowProblem('price', 'is more than a till can sell');
  return price;
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

/**
 * Rows whose barcode already appeared on an earlier line of the same table. The
 * CLI runs it over a whole file before sending it in batches; the import runs it
 * over each batch.
 */
export function duplicateBarcodes(table: ImportTable): RowError[] {
  const column = table.columns.findIndex((c) => c.trim().toLowerCase() === 'barcode');
  if (column < 0) return [];
  const firstLine = new Map<string, number>();
  const errors: RowError[] = [];
  for (const row of table.rows) {
    const codes = (row.cells[column] ?? '').split(/[|\s]+/).filter(Boolean);
    const clash = codes.find((code) => firstLine.has(code));
    if (clash !== undefined) {
      errors.push({
        line: row.line,
        column: 'barcode',
        message: `${clash} is already used on line ${firstLine.get(clash)}`,
      });
      continue;
    }
    for (const code of codes) firstLine.set(code, row.line);
  }
  return errors;
}

export function planCatalogueImport(table: ImportTable, ctx: ImportContext): ImportPlan {
  const columns = checkColumns(table.columns);
  const has = (c: Column) => columns.has(c);
  const taxes = ctx.catalogue.allTaxes();
  const categoriesByName = new Map(
    ctx.catalogue.allCategories().map((c) => [c.name.toLowerCase(), c]),
  );
  const categoryIds = new Set(ctx.catalogue.allCategories().map((c) => c.id as string));
  const plan: ImportPlan = { products: [], categories: [], errors: [], created: 0, updated: 0 };
  const duplicates = new Map(duplicateBarcodes(table).map((e) => [e.line, e]));
  plan.errors.push(...duplicates.values());

  for (const row of table.rows) {
    if (duplicates.has(row.line)) continue;
    const cell = (c: Column) => (has(c) ? (row.cells[columns.get(c)!] ?? '').trim() : '');
    // an empty cell, like a missing column, keeps the product's current value
    const given = (c: Column) => cell(c) !== '';
    try {
      if (row.cells.length !== table.columns.length) {
        throw new RowProblem(
          null,
          `has ${row.cells.length} cells, the header has ${table.columns.length}`,
        );
      }
      const barcodes = parseBarcodes(cell('barcode'));
      const givenId = cell('id');
      if (givenId && !ID_SHAPE.test(givenId))
        throw new RowProblem('id', 'an id is 1 to 64 letters, digits or _ . : -');
      const existing =
        (givenId ? ctx.catalogue.product(givenId as ProductId) : undefined) ??
        (barcodes[0] ? ctx.catalogue.byBarcode(barcodes[0]) : undefined);
      if (!existing) {
        if (!(has('name') && has('price') && has('tax')))
          throw new RowProblem(null, 'is a new product: it needs name, price and tax columns');
        const missing = (['name', 'price', 'tax'] as const).find((c) => !given(c));
        if (missing) throw new RowProblem(missing, `is a new product: its ${missing} is empty`);
      }
      const name = given('name') ? cell('name') : (existing?.name ?? '');
      if (name.length > MAX_NAME)
        throw new RowProblem('name', `a name has at most ${MAX_NAME} characters`);
      if (barcodes.length > MAX_BARCODES)
        throw new RowProblem('barcode', `a product has at most ${MAX_BARCODES} barcodes`);
      const price = given('price') ? parsePrice(cell('price'), ctx.decimals) : existing!.price;
      const taxId = given('tax') ? findTax(taxes, cell('tax')).id : existing!.taxId;
      const categoryText = cell('category');
      const knownCategory = categoryIds.has(categoryText)
        ? (categoryText as CategoryId)
        : categoriesByName.get(categoryText.toLowerCase())?.id;
      const newCategory: Category | null =
        categoryText && !knownCategory
          ? {
              id: ctx.newId() as CategoryId,
              name: categoryText.slice(0, 60),
              updatedAt: ctx.at,
              updatedBy: ctx.by,
            }
          : null;
      const candidate = {
        id: existing?.id ?? ((givenId || ctx.newId()) as ProductId),
        name,
        barcodes: given('barcode') ? barcodes : (existing?.barcodes ?? []),
        price,
        taxId,
        categoryId: given('category')
          ? (knownCategory ?? newCategory!.id)
          : (existing?.categoryId ?? null),
        active: given('active') ? parseActive(cell('active')) : (existing?.active ?? true),
        updatedAt: ctx.at,
        updatedBy: ctx.by,
      };
      const parsed = productSchema.safeParse(candidate);
      if (!parsed.success) {
        // every known way to fail is checked above; this names the column all the same
        const field = String(parsed.error.issues[0]?.path[0] ?? '');
        throw new RowProblem(
          FIELD_COLUMN[field] ?? null,
          `cannot be stored (${describeIssues(parsed.error)})`,
        );
      }
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
  // duplicates are found first, but a person reads the errors in the order of the file
  plan.errors.sort((a, b) => a.line - b.line);
  return plan;
}
