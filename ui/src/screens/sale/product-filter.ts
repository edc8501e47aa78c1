/** Which products the grid shows: active ones, in the chosen category, matching what was typed. */
import type { Product } from '../../../../crdt/schema.ts';

export const GRID_PAGE = 24;

export function filterProducts(
  products: readonly Product[],
  category: string | null,
  query: string,
): Product[] {
  const q = query.trim().toLowerCase();
  return products
    .filter(
      (p) =>
        p.active &&
        (category === null || p.categoryId === category) &&
        (!q || p.name.toLowerCase().includes(q) || p.barcodes.some((b) => b.startsWith(q))),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const pageCount = (count: number): number => Math.max(1, Math.ceil(count / GRID_PAGE));
export const pageOf = <T>(items: readonly T[], page: number): T[] =>
  items.slice(page * GRID_PAGE, (page + 1) * GRID_PAGE);
