/** The till's open carts side by side (a customer who steps away keeps theirs), and a new one. */
import { For } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import type { Cart } from './cart-store.ts';

export function CartTabs(props: {
  carts: Cart[];
  current: string | undefined;
  onSelect: (id: string) => void;
  onNew: () => void;
}) {
  return (
    <div class="cart-tabs" role="tablist" aria-label={t('sale.carts')}>
      <For each={props.carts}>
        {(cart, i) => (
          <button
            type="button"
            role="tab"
            aria-selected={cart.id === props.current}
            classList={{ chosen: cart.id === props.current }}
            onClick={() => props.onSelect(cart.id)}
          >
            {t('sale.cartN', { n: i() + 1 })}
            {cart.transferRef ? ' ⇄' : ''}
          </button>
        )}
      </For>
      <button type="button" onClick={() => props.onNew()}>
        {t('sale.newCart')}
      </button>
    </div>
  );
}
