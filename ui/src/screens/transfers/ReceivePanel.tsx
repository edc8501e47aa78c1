/**
 * The carts offered to this till, live (listed as soon as the transfers
 * document changes here), newest first; one opens its preview, and accepting
 * it hands the rebuilt cart to the sale screen.
 */
import { createSignal, For, Show } from 'solid-js';
import type { OrderWithTotals, TransferView } from '../../../../crdt/api-types.ts';
import { useSession } from '../../app/session.tsx';
import { money, t } from '../../i18n/i18n.ts';
import { agoText, fromText, linesText, liveList } from './transfer-data.ts';
import { TransferPreview } from './TransferPreview.tsx';
import './transfers.css';

export interface ReceivePanelProps {
  /** The cart rebuilt on this till from the accepted transfer. */
  onAccepted: (cart: OrderWithTotals) => void;
}

export function ReceivePanel(props: ReceivePanelProps) {
  const session = useSession();
  const offered = liveList<TransferView>(session, () => '/api/transfers/offered');
  const list = () => offered.latest ?? [];
  const [previewId, setPreviewId] = createSignal<string>();
  // the preview follows the live list: a cart another till took is said to be gone
  const previewed = () => list().find((s) => s.id === previewId());
  const [last, setLast] = createSignal<TransferView>();
  const open = (state: TransferView) => {
    setLast(state);
    setPreviewId(state.id);
  };
  const receiver = () =>
    session.settings()?.tills.find((till) => till.code === session.self)?.roles.receiver ?? true;
  return (
    <section
      class="transfer-list offered"
      aria-label={t('receive.title', { count: list().length })}
    >
      <h3>{t('receive.title', { count: list().length })}</h3>
      <Show when={receiver()} fallback={<p class="hint">{t('receive.notReceiver')}</p>}>
        <ul>
          <For each={list()} fallback={<li class="hint">{t('receive.none')}</li>}>
            {(state) => (
              <li>
                <button type="button" onClick={() => open(state)}>
                  <span>
                    {t('receive.item', {
                      till: fromText(state),
                      lines: linesText(state),
                      total: money(state.cart.totals.total),
                    })}
                    <Show when={state.cart.customer}>{(c) => <> — {c().name}</>}</Show>
                  </span>
                  <small>
                    {t('receive.by', { name: state.sentBy.name, ago: agoText(state.sentAt) })}
                  </small>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={previewId() ? last() : undefined}>
        {(state) => (
          <TransferPreview
            transfer={previewed() ?? state()}
            gone={!previewed()}
            onClose={() => setPreviewId(undefined)}
            onAccepted={(cart) => {
              setPreviewId(undefined);
              props.onAccepted(cart);
            }}
          />
        )}
      </Show>
    </section>
  );
}
