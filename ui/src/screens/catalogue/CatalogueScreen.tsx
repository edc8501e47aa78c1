/** The manager's catalogue: products with search and an edit form, categories, taxes, and the CSV import. */
import { createResource, createSignal, Show } from 'solid-js';
import type { Category, Product, Tax } from '../../../../crdt/schema.ts';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { CategoriesPanel } from './CategoriesPanel.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { ProductForm } from './ProductForm.tsx';
import { ProductList } from './ProductList.tsx';
import { TaxesPanel } from './TaxesPanel.tsx';
import './catalogue.css';

export function CatalogueScreen() {
  const [query, setQuery] = createSignal('');
  const [products, { refetch }] = createResource(query, (q) =>
    api<Product[]>('GET', `/api/catalogue/products?q=${encodeURIComponent(q)}&limit=200`),
  );
  const [taxes, { refetch: refetchTaxes }] = createResource(() =>
    api<Tax[]>('GET', '/api/catalogue/taxes'),
  );
  const [categories, { refetch: refetchCategories }] = createResource(() =>
    api<Category[]>('GET', '/api/catalogue/categories'),
  );
  const [editing, setEditing] = createSignal<Product | 'new'>();
  return (
    <section class="catalogue-screen">
      <div class="catalogue-bar">
        <input
          type="search"
          name="product-search"
          aria-label={t('catalogue.search')}
          placeholder={t('catalogue.search')}
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <button type="button" class="primary" onClick={() => setEditing('new')}>
          {t('catalogue.newProduct')}
        </button>
      </div>
      <div class="catalogue-columns">
        <ProductList
          products={products.latest ?? []}
          taxes={taxes() ?? []}
          categories={categories() ?? []}
          onEdit={setEditing}
        />
        <div class="catalogue-side">
          <CategoriesPanel
            categories={categories() ?? []}
            onSaved={() => void refetchCategories()}
          />
          <TaxesPanel taxes={taxes() ?? []} onSaved={() => void refetchTaxes()} />
          <ImportPanel
            onImported={() => {
              void refetch();
              void refetchCategories();
            }}
          />
        </div>
      </div>
      <Show when={editing()} keyed>
        {(product) => (
          <ProductForm
            product={product === 'new' ? undefined : product}
            taxes={taxes() ?? []}
            categories={categories() ?? []}
            onSaved={() => {
              setEditing(undefined);
              void refetch();
            }}
            onClose={() => setEditing(undefined)}
          />
        )}
      </Show>
    </section>
  );
}
