/**
 * A transfer's payload as the sender locked it in: every line with its
 * quantity, negotiated unit price (the list price beside it when overridden),
 * discount and amount, then the totals. The preview and the queue show it alike.
 */
import { For, Show } from 'solid-js';
import { lineAmounts } from '../../../../crdt/pricing.ts';
import type { CartSnapshot } from '../../../../crdt/transfer-schema.ts';
import { formatPercent, money, t } from '../../i18n/i18n.ts';
import './transfers.css';

export function TransferLines(props: { cart: CartSnapshot }) {
  return (
    <>
      <table class="preview-lines">
        <thead>
          <tr>
            <th scope="col">{t('preview.qty')}</th>
            <th scope="col">{t('preview.item')}</th>
            <th scope="col">{t('preview.unitPrice')}</th>
            <th scope="col">{t('preview.discount')}</th>
            <th scope="col">{t('preview.amount')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.cart.lines}>
            {(line) => (
              <tr>
                <td class="num">{line.qty}</td>
                <td>{line.name}</td>
                <td class="num">
                  {money(line.priceOverride ?? line.unitPrice)}
                  <Show when={line.priceOverride !== null}>
                    <small> ({t('preview.listPrice', { price: money(line.unitPrice) })})</small>
                  </Show>
                </td>
                <td class="num">{line.discountBp ? `−${formatPercent(line.discountBp)}` : ''}</td>
                <td class="num">{money(lineAmounts(line).amount)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <dl class="preview-totals">
        <Show when={props.cart.totals.discount !== 0}>
          <dt>{t('preview.gross')}</dt>
          <dd>{money(props.cart.totals.gross)}</dd>
          <dt>{t('preview.discountTotal')}</dt>
          <dd>−{money(props.cart.totals.discount)}</dd>
        </Show>
        <For each={props.cart.totals.taxes}>
          {(tax) => (
            <>
              <dt>
                {t('preview.tax')} {tax.name}
              </dt>
              <dd>{money(tax.tax)}</dd>
            </>
          )}
        </For>
        <dt class="total">{t('preview.total')}</dt>
        <dd class="total">{money(props.cart.totals.total)}</dd>
      </dl>
    </>
  );
}
