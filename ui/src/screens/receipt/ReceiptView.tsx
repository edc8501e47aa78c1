/**
 * A paid order as the customer gets it: number, total, payments and change,
 * the receipt exactly as the printer printed it, and a reprint.
 */
import { createSignal, For, Show } from 'solid-js';
import { hlcWall } from '../../../../crdt/hlc.ts';
import type { Order } from '../../../../crdt/schema.ts';
import { RelatedTransferTag } from '../transfers/RelatedTransferTag.tsx';
import { toast } from '../../components/Toasts.tsx';
import { formatDateTime, money, t } from '../../i18n/i18n.ts';
import { api, currentToken } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';
import { METHOD_LABEL } from '../payment/PaymentLinesView.tsx';

export function ReceiptView(props: { order: Order; preview?: boolean }) {
  const [shown, setShown] = createSignal(props.preview ?? true);
  const ref = () => encodeURIComponent(props.order.number ?? props.order.id);
  const totals = () => props.order.totals!;
  const reprint = () =>
    run(t('receipt.working.reprint'), async () => {
      await api('POST', `/api/orders/${ref()}/reprint`);
      toast('success', t('receipt.reprinted'));
    });
  return (
    <article class="receipt" aria-label={t('receipt.title', { number: props.order.number ?? '' })}>
      <h2>
        {t(props.order.kind === 'refund' ? 'receipt.refund' : 'receipt.paid')}{' '}
        <strong>{props.order.number}</strong>
      </h2>
      <p class="meta">
        {t('receipt.meta', {
          till: props.order.till,
          at: formatDateTime(hlcWall(props.order.closedAt ?? props.order.openedAt)),
          by: props.order.closedBy?.name ?? props.order.openedBy.name,
        })}
      </p>
      <dl class="paid-summary">
        <dt>{t('sale.totals.total')}</dt>
        <dd>{money(totals().total)}</dd>
        <For each={props.order.payments}>
          {(p) => (
            <>
              <dt>{t(METHOD_LABEL[p.method])}</dt>
              <dd>{money(p.amount)}</dd>
            </>
          )}
        </For>
        <Show when={totals().change > 0}>
          <dt class="change">{t('pay.change')}</dt>
          <dd class="change">{money(totals().change)}</dd>
        </Show>
      </dl>
      <Show when={props.order.transferRef}>
        {(ref) => <RelatedTransferTag transferRef={ref()} />}
      </Show>
      <div class="receipt-actions">
        <button type="button" onClick={() => setShown(!shown())}>
          {t(shown() ? 'receipt.hide' : 'receipt.show')}
        </button>
        <button type="button" onClick={() => void reprint()}>
          {t('receipt.reprint')}
        </button>
      </div>
      <Show when={shown()}>
        <img
          class="receipt-preview"
          alt={t('receipt.previewOf', { number: props.order.number ?? '' })}
          src={`/api/orders/${encodeURIComponent(props.order.id)}/receipt.svg?token=${encodeURIComponent(currentToken())}`}
        />
      </Show>
    </article>
  );
}
