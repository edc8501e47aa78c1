/** The lines of the cart, one selectable for the numpad; the transfer it came from, if any. */
import { Index, Show } from 'solid-js';
import { RelatedTransferTag } from '../transfers/RelatedTransferTag.tsx';
import { t } from '../../i18n/i18n.ts';
import type { Cart } from './cart-store.ts';
import { OrderLine } from './OrderLine.tsx';

export function CartLines(props: {
  cart: Cart;
  selected: string | undefined;
  onSelect: (lineId: string) => void;
}) {
  return (
    <>
      <Show when={props.cart.transferRef}>
        {(ref) => <RelatedTransferTag transferRef={ref()} />}
      </Show>
      <Show when={props.cart.transferLost}>
        <p class="error" role="alert">
          {t('sale.transferLost', { till: props.cart.transferLost!.winner ?? t('sale.theSender') })}
        </p>
      </Show>
      <Show when={props.cart.customer || props.cart.note}>
        <p class="customer-note">
          <Show when={props.cart.customer}>
            <strong>{props.cart.customer!.name}</strong>{' '}
          </Show>
          {props.cart.note}
        </p>
      </Show>
      <ul class="lines" role="listbox" aria-label={t('sale.lines')}>
        {/* by position: a cart read again keeps its rows (and the focus) instead of making new ones */}
        <Index each={props.cart.lines} fallback={<li class="hint">{t('sale.emptyCart')}</li>}>
          {(line) => (
            <OrderLine
              line={line()}
              selected={line().id === props.selected}
              onSelect={() => props.onSelect(line().id)}
            />
          )}
        </Index>
      </ul>
    </>
  );
}
