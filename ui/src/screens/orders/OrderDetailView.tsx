/** One order: its receipt, its lines with what is left to refund, its refunds (provisional ones marked). */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { OrderDetail } from '../../../../crdt/api-types.ts';
import { lineAmounts } from '../../../../crdt/pricing.ts';
import { toast } from '../../components/Toasts.tsx';
import { money, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { describeError } from '../../lib/errors.ts';
import { ReceiptView } from '../receipt/ReceiptView.tsx';
import { leftOf, refundedQty } from './refundable.ts';
import { RefundDialog } from './RefundDialog.tsx';

export function OrderDetailView(props: { orderRef: string }) {
  const [detail, { refetch }] = createResource(
    () => props.orderRef,
    (ref) => api<OrderDetail>('GET', `/api/orders/${encodeURIComponent(ref)}`),
  );
  const [refunding, setRefunding] = createSignal(false);
  const left = () => {
    const d = detail()!;
    return leftOf(d.order, refundedQty(d.refunds, d.requests));
  };
  const provisional = (orderId: string) =>
    detail()!.requests.some((r) => r.provisional && r.paid?.orderId === orderId);
  return (
    <section class="order-detail">
      <Show when={detail.error !== undefined}>
        <p class="error" role="alert">
          {describeError(detail.error as unknown)}
        </p>
      </Show>
      <Show when={detail()}>
        {(d) => (
          <>
            <ReceiptView order={d().order} preview={false} />
            <table class="order-lines">
              <tbody>
                <For each={d().order.lines}>
                  {(line) => (
                    <tr>
                      <td>{line.qty} ×</td>
                      <td>{line.name}</td>
                      <td>{money(lineAmounts(line).amount)}</td>
                      <td>
                        {t('orders.leftOf', { left: left().get(line.id) ?? 0, sold: line.qty })}
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={d().refunds.length > 0}>
              <h3>{t('orders.refunds')}</h3>
              <ul class="refunds">
                <For each={d().refunds}>
                  {(r) => (
                    <li classList={{ provisional: provisional(r.id) }}>
                      {r.number} {money(r.totals!.total)}
                      <Show when={provisional(r.id)}>
                        {' '}
                        <strong class="badge">{t('orders.provisional')}</strong>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Show when={d().order.kind === 'sale' && [...left().values()].some((n) => n > 0)}>
              <button type="button" class="danger" onClick={() => setRefunding(true)}>
                {t('orders.refundLines')}
              </button>
            </Show>
            <Show when={refunding()}>
              <RefundDialog
                sale={d().order}
                left={left()}
                onClose={() => setRefunding(false)}
                onRefunded={(refund) => {
                  setRefunding(false);
                  toast(
                    'success',
                    t('orders.refunded', {
                      number: refund.number ?? '',
                      total: money(refund.totals!.total),
                    }),
                  );
                  void refetch();
                }}
              />
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
