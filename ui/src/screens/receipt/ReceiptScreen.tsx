/** After payment: the receipt, a reprint, and "New order" (Enter) back to an empty cart. */
import { createResource, onMount, Show } from 'solid-js';
import type { OrderDetail } from '../../../../crdt/api-types.ts';
import { go } from '../../app/router.ts';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { describeError } from '../../lib/errors.ts';
import { ReceiptView } from './ReceiptView.tsx';
import './receipt.css';

export function ReceiptScreen(props: { params: string[] }) {
  const ref = () => props.params[0] ?? '';
  const [detail] = createResource(ref, (r) =>
    api<OrderDetail>('GET', `/api/orders/${encodeURIComponent(r)}`),
  );
  let next!: HTMLButtonElement;
  onMount(() => next.focus());
  return (
    <div class="receipt-screen">
      <Show when={detail.error !== undefined}>
        <p class="error" role="alert">
          {describeError(detail.error as unknown)}
        </p>
      </Show>
      <Show when={detail()} fallback={<p class="working">{t('receipt.loading')}</p>}>
        {(d) => <ReceiptView order={d().order} />}
      </Show>
      <button ref={next} type="button" class="primary new-order" onClick={() => go('sale')}>
        {t('receipt.newOrder')}
      </button>
    </div>
  );
}
