/**
 * The products: category tabs, a search that is also where a barcode is
 * typed (Enter adds it), and the grid, page by page over the whole catalogue.
 * The catalogue is read from this screen's replica, so it answers at once.
 */
import { createMemo, createSignal, For, Show } from 'solid-js';
import { useSession } from '../../app/session.tsx';
import { money, t } from '../../i18n/i18n.ts';
import { filterProducts, pageCount, pageOf } from './product-filter.ts';

export function ProductPanel(props: {
  onAddProduct: (productId: string) => void;
  /** Resolves true when the code was added: only then is the typed text cleared. */
  onAddCode: (code: string) => Promise<boolean>;
}) {
  const session = useSession();
  const [category, setCategory] = createSignal<string | null>(null);
  const [query, setQuery] = createSignal('');
  const [page, setPage] = createSignal(0);
  const categories = createMemo(() => {
    session.catalogueDoc.version();
    return session.catalogue.allCategories().sort((a, b) => a.name.localeCompare(b.name));
  });
  const matches = createMemo(() => {
    session.catalogueDoc.version();
    return filterProducts(session.catalogue.allProducts(), category(), query());
  });
  const pages = () => pageCount(matches().length);
  const shown = () => pageOf(matches(), Math.min(page(), pages() - 1));
  const choose = (id: string | null) => {
    setCategory(id);
    setPage(0);
  };
  const submit = async () => {
    const typed = query().trim();
    if (!typed) return;
    const only = matches().length === 1 && !/^\d{4,}$/.test(typed) ? matches()[0] : undefined;
    if (only) {
      props.onAddProduct(only.id);
      setQuery('');
    } else if (await props.onAddCode(typed)) setQuery('');
  };
  return (
    <section class="products" aria-label={t('sale.products')}>
      <input
        name="search"
        type="search"
        aria-label={t('sale.search')}
        placeholder={t('sale.search')}
        value={query()}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setPage(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void submit();
          }
        }}
      />
      <div class="category-tabs" role="tablist" aria-label={t('sale.categories')}>
        <button
          type="button"
          role="tab"
          aria-selected={category() === null}
          classList={{ chosen: category() === null }}
          onClick={() => choose(null)}
        >
          {t('sale.allProducts')}
        </button>
        <For each={categories()}>
          {(c) => (
            <button
              type="button"
              role="tab"
              aria-selected={category() === c.id}
              classList={{ chosen: category() === c.id }}
              onClick={() => choose(c.id)}
            >
              {c.name}
            </button>
          )}
        </For>
      </div>
      <div class="grid">
        <For each={shown()} fallback={<p class="hint">{t('sale.noProducts')}</p>}>
          {(p) => (
            <button type="button" class="product" onClick={() => props.onAddProduct(p.id)}>
              <span>{p.name}</span>
              <small>{money(p.price)}</small>
            </button>
          )}
        </For>
      </div>
      <Show when={pages() > 1}>
        <nav class="pager" aria-label={t('sale.pages')}>
          <button type="button" disabled={page() === 0} onClick={() => setPage((n) => n - 1)}>
            {t('sale.previous')}
          </button>
          <span>
            {t('sale.pageOf', { page: Math.min(page(), pages() - 1) + 1, pages: pages() })}
          </span>
          <button
            type="button"
            disabled={page() >= pages() - 1}
            onClick={() => setPage((n) => n + 1)}
          >
            {t('sale.next')}
          </button>
        </nav>
      </Show>
    </section>
  );
}
