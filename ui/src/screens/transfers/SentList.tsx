/**
 * This till's carts that were sent and wait for a taker, live, each with its
 * reference, targets, content and age; the sender may cancel one, and the
 * cart comes back here as an open cart.
 */
import { For } from 'solid-js';
import type { OrderWithTotals, TransferView } from '../../../../crdt/api-types.ts';
import { useSession } from '../../app/session.tsx';
import { toast } from '../../components/Toasts.tsx';
import { money, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';
import { agoText, linesText, liveList, refOf, targetsText } from './transfer-data.ts';
import './transfers.css';

export interface SentListProps {
  /** A cancelled transfer's cart, rebuilt on this till: show it. */
  onCancelled?: (cart: OrderWithTotals) => void;
}

export function SentList(props: SentListProps) {
  const session = useSession();
  const pending = liveList<TransferView>(session, () => '/api/transfers?status=pending');
  const waiting = () => (pending.latest ?? []).filter((s) => s.sentHere);
  const cancel = (state: TransferView) =>
    run(t('sent.cancelling'), async () => {
      const cart = await api<OrderWithTotals>('POST', `/api/transfers/${state.id}/cancel`);
      toast('info', t('sent.cancelled', { ref: refOf(state) }));
      props.onCancelled?.(cart);
    });
  return (
    <section class="transfer-list sent" aria-label={t('sent.title', { count: waiting().length })}>
      <h3>{t('sent.title', { count: waiting().length })}</h3>
      <ul>
        <For each={waiting()} fallback={<li class="hint">{t('sent.none')}</li>}>
          {(state) => (
            <li>
              <span>
                {t('sent.item', {
                  ref: refOf(state),
                  targets: targetsText(state),
                  lines: linesText(state),
                  total: money(state.cart.totals.total),
                })}
                <small> · {t('sent.since', { ago: agoText(state.sentAt) })}</small>
              </span>
              <button
                type="button"
                aria-label={t('sent.cancelFor', { ref: refOf(state) })}
                onClick={() => void cancel(state)}
              >
                {t('sent.cancel')}
              </button>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
