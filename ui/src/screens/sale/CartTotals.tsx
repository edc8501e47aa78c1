/** The cart's totals, always in view: before discount, discount, each tax, the total. */
import { For, Show } from 'solid-js';
import type { Totals } from '../../../../crdt/schema.ts';
import { money, t } from '../../i18n/i18n.ts';

export function CartTotals(props: { totals: Totals }) {
  return (
    <dl class="cart-totals">
      <Show when={props.totals.discount !== 0}>
        <dt>{t('sale.totals.gross')}</dt>
        <dd>{money(props.totals.gross)}</dd>
        <dt>{t('sale.totals.discount')}</dt>
        <dd>−{money(props.totals.discount)}</dd>
      </Show>
      <For each={props.totals.taxes}>
        {(tax) => (
          <>
            <dt>
              {t(tax.included ? 'sale.totals.taxIncluded' : 'sale.totals.tax', { name: tax.name })}
            </dt>
            <dd>{money(tax.tax)}</dd>
          </>
        )}
      </For>
      <dt class="total">{t('sale.totals.total')}</dt>
      <dd class="total" data-testid="cart-total">
        {money(props.totals.total)}
      </dd>
    </dl>
  );
}
