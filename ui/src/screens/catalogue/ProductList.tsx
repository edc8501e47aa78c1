/** Products found by the search, with who edited each one last and when. */
import { For } from 'solid-js';
import type { Category, Product, Tax } from '../../../../crdt/schema.ts';
import { money, t } from '../../i18n/i18n.ts';
import { stampTime } from '../day/format.ts';

export function ProductList(props: {
  products: Product[];
  taxes: Tax[];
  categories: Category[];
  onEdit: (product: Product) => void;
}) {
  const name = (list: Array<{ id: string; name: string }>, id: string | null) =>
    list.find((x) => x.id === id)?.name ?? '—';
  return (
    <table class="products-table">
      <thead>
        <tr>
          <th>{t('catalogue.name')}</th>
          <th>{t('catalogue.price')}</th>
          <th>{t('catalogue.tax')}</th>
          <th>{t('catalogue.category')}</th>
          <th>{t('catalogue.edited')}</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.products}>
          {(product) => (
            <tr classList={{ inactive: !product.active }}>
              <td>
                <button type="button" class="link" onClick={() => props.onEdit(product)}>
                  {product.name}
                </button>
                {product.active ? '' : ` (${t('catalogue.inactive')})`}
              </td>
              <td>{money(product.price)}</td>
              <td>{name(props.taxes, product.taxId)}</td>
              <td>{name(props.categories, product.categoryId)}</td>
              <td class="edited">
                {t('catalogue.editedBy', {
                  name: product.updatedBy.name,
                  at: stampTime(product.updatedAt),
                })}
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
