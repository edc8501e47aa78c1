/**
 * Refunding chosen lines and quantities of a sale, paid out in one method.
 * The selling till grants it; with the seller out of reach a manager may
 * refund provisionally (marked so, within the mesh's limit).
 */
import { createSignal, For, Show } from 'solid-js';
import { paymentMethods } from '../../../../crdt/schema.ts';
import type { Order, PaymentMethod } from '../../../../crdt/schema.ts';
import { Modal, ModalActions } from '../../components/Modal.tsx';
import { money, t } from '../../i18n/i18n.ts';
import { api, ApiError } from '../../lib/api.ts';
import { withApproval } from '../../lib/approval.ts';
import { run } from '../../lib/run.ts';
import { METHOD_LABEL } from '../payment/PaymentLinesView.tsx';

export function RefundDialog(props: {
  sale: Order;
  left: ReadonlyMap<string, number>;
  onRefunded: (refund: Order) => void;
  onClose: () => void;
}) {
  const [qty, setQty] = createSignal(new Map<string, number>());
  const [method, setMethod] = createSignal<PaymentMethod>('cash');
  const [sellerAway, setSellerAway] = createSignal(false);
  const step = (lineId: string, by: number) =>
    setQty((m) => {
      const next = new Map(m);
      const value = Math.min(props.left.get(lineId) ?? 0, Math.max(0, (m.get(lineId) ?? 0) + by));
      next.set(lineId, value);
      return next;
    });
  const chosen = () =>
    [...qty()].filter(([, n]) => n > 0).map(([lineId, n]) => ({ lineId, qty: n }));
  const refund = (provisional: boolean) =>
    run(t('orders.working.refund', { till: props.sale.till }), async () => {
      try {
        const paid = await withApproval((approval) =>
          api<Order>('POST', `/api/orders/${encodeURIComponent(props.sale.id)}/refund`, {
            lines: chosen(),
            payout: method(),
            provisional,
            approval,
          }),
        );
        props.onRefunded(paid);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'SELLER_UNREACHABLE') setSellerAway(true);
        throw error;
      }
    });
  return (
    <Modal
      title={t('orders.refundTitle', { number: props.sale.number ?? '' })}
      onClose={props.onClose}
    >
      <table class="refund-lines">
        <tbody>
          <For each={props.sale.lines}>
            {(line) => (
              <tr>
                <td>{line.name}</td>
                <td>
                  {t('orders.leftOf', { left: props.left.get(line.id) ?? 0, sold: line.qty })}
                </td>
                <td class="stepper">
                  <button
                    type="button"
                    aria-label={t('orders.less', { name: line.name })}
                    onClick={() => step(line.id, -1)}
                  >
                    −
                  </button>
                  <span data-testid={`refund-qty-${line.id}`}>{qty().get(line.id) ?? 0}</span>
                  <button
                    type="button"
                    aria-label={t('orders.more', { name: line.name })}
                    onClick={() => step(line.id, 1)}
                  >
                    +
                  </button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <div class="methods" role="radiogroup" aria-label={t('orders.payout')}>
        <For each={paymentMethods}>
          {(m) => (
            <button
              type="button"
              role="radio"
              aria-checked={method() === m}
              classList={{ chosen: method() === m }}
              onClick={() => setMethod(m)}
            >
              {t(METHOD_LABEL[m])}
            </button>
          )}
        </For>
      </div>
      <Show when={sellerAway()}>
        <p class="warning">{t('orders.sellerAway', { till: props.sale.till })}</p>
      </Show>
      <ModalActions
        confirm={t('orders.refund')}
        disabled={chosen().length === 0}
        onConfirm={() => void refund(false)}
        onCancel={props.onClose}
      >
        <Show when={sellerAway()}>
          <button
            type="button"
            class="danger"
            disabled={chosen().length === 0}
            onClick={() => void refund(true)}
          >
            {t('orders.refundProvisionally')}
          </button>
        </Show>
      </ModalActions>
      <p class="hint">{t('orders.refundTotalHint', { total: money(props.sale.totals!.total) })}</p>
    </Modal>
  );
}
