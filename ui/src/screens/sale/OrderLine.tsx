/** One line of the cart: what, how many, at what unit price, any discount or override, the amount. */
import { Show } from 'solid-js';
import { lineAmounts } from '../../../../crdt/pricing.ts';
import type { Line } from '../../../../crdt/schema.ts';
import { formatPercent, money, t } from '../../i18n/i18n.ts';

export function OrderLine(props: { line: Line; selected: boolean; onSelect: () => void }) {
  const unit = () => props.line.priceOverride ?? props.line.unitPrice;
  return (
    <li
      classList={{ line: true, selected: props.selected }}
      aria-selected={props.selected}
      role="option"
      tabIndex={0}
      onClick={props.onSelect}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          props.onSelect();
        }
      }}
    >
      <span class="name">{props.line.name}</span>
      <span class="amount">{money(lineAmounts(props.line).amount)}</span>
      <span class="detail">
        <span class="qty">{props.line.qty}</span> × {money(unit())}
        <Show when={props.line.priceOverride !== null}>
          {' '}
          <em>{t('sale.line.override', { price: money(props.line.unitPrice) })}</em>
        </Show>
        <Show when={props.line.discountBp > 0}>
          {' '}
          <em>{t('sale.line.discount', { percent: formatPercent(props.line.discountBp) })}</em>
        </Show>
      </span>
    </li>
  );
}
