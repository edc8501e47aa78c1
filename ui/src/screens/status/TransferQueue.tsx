/**
 * The audit trail of cart transfers, live: every transfer with its status,
 * filtered by pending, claimed, done, cancelled or conflicted, and opened to
 * its full payload (lines, locked-in prices, discounts, totals) and timeline.
 */
import { createSignal, For, Show } from 'solid-js';
import type { TransferView } from '../../../../crdt/api-types.ts';
import type { TransferStatus } from '../../../../crdt/transfers.ts';
import { useSession } from '../../app/session.tsx';
import { money, t } from '../../i18n/i18n.ts';
import { fromText, liveList, refOf, targetsText } from '../transfers/transfer-data.ts';
import { TransferLines } from '../transfers/TransferLines.tsx';
import { TransferTimeline } from './TransferTimeline.tsx';

export const QUEUE_FILTERS = ['pending', 'claimed', 'done', 'cancelled', 'conflicted'] as const;
type Filter = (typeof QUEUE_FILTERS)[number];

/** The manager's five words for the reducer's six states (a claim is provisional or confirmed). */
const GROUP: Record<TransferStatus, Filter> = {
  pending: 'pending',
  provisional: 'claimed',
  confirmed: 'claimed',
  done: 'done',
  cancelled: 'cancelled',
  conflict: 'conflicted',
};

export function TransferQueue() {
  const session = useSession();
  const all = liveList<TransferView>(session, () => '/api/transfers');
  const [filter, setFilter] = createSignal<Filter>();
  const list = () => (all.latest ?? []).filter((s) => !filter() || GROUP[s.status] === filter());
  const count = (f: Filter) => (all.latest ?? []).filter((s) => GROUP[s.status] === f).length;
  return (
    <section class="queue" aria-label={t('queue.title')}>
      <h3>{t('queue.title')}</h3>
      <div class="filters" role="group" aria-label={t('queue.filter')}>
        <button type="button" aria-pressed={!filter()} onClick={() => setFilter(undefined)}>
          {t('queue.all', { count: all.latest?.length ?? 0 })}
        </button>
        <For each={QUEUE_FILTERS}>
          {(f) => (
            <button type="button" aria-pressed={filter() === f} onClick={() => setFilter(f)}>
              {t(`queue.status.${f}`)} ({count(f)})
            </button>
          )}
        </For>
      </div>
      <ul class="transfers">
        <For each={list()} fallback={<li class="hint">{t('queue.none')}</li>}>
          {(state) => (
            <li classList={{ conflicted: state.status === 'conflict' }}>
              <details>
                <summary>
                  <span class={`badge ${GROUP[state.status]}`}>
                    {t(`queue.status.${GROUP[state.status]}`)}
                  </span>{' '}
                  {t('queue.head', {
                    ref: refOf(state),
                    from: fromText(state),
                    targets: targetsText(state),
                    total: money(state.cart.totals.total),
                  })}
                  <Show when={state.done}>
                    {(done) => <> · {t('queue.order', { number: done().orderNumber })}</>}
                  </Show>
                </summary>
                <TransferTimeline transfer={state} />
                <h4>{t('queue.payload')}</h4>
                <TransferLines cart={state.cart} />
              </details>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
