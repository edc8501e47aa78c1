/** Carts offered to this till, with a preview before taking one. */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { TransferState } from '../../../../crdt/transfers.ts';
import { lineAmounts } from '../../../../crdt/pricing.ts';
import type { Order } from '../../../../crdt/schema.ts';
import { Modal, ModalActions } from '../../components/Modal.tsx';
import { formatPercent, money, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import type { Live } from '../../lib/live.ts';
import { run } from '../../lib/run.ts';

export function ReceiveList(props: { transfers: Live; onAccepted: (cart: never) => void }) {
  const [offered, { refetch }] = createResource(
    () => props.transfers.version() + 1,
    () => api<TransferState[]>('GET', '/api/transfers/offered'),
  );
  const [preview, setPreview] = createSignal<TransferState>();
  const accept = (transfer: TransferState) =>
    run(t('sale.working.receive'), async () => {
      const cart = await api<Order>('POST', `/api/transfers/${transfer.id}/claim`);
      setPreview(undefined);
      props.onAccepted(cart as never);
      void refetch();
    });
  return (
    <section class="receive">
      <h3>{t('sale.receive', { count: offered()?.length ?? 0 })}</h3>
      <ul class="offered">
        <For each={offered()} fallback={<li class="hint">{t('sale.nothingOffered')}</li>}>
          {(x) => (
            <li>
              <button type="button" onClick={() => setPreview(x)}>
                {t('sale.offeredFrom', {
                  till: x.from,
                  lines: x.cart.lines.length,
                  total: money(x.cart.totals.total),
                })}
                <Show when={x.cart.customer}> — {x.cart.customer!.name}</Show>
              </button>
            </li>
          )}
        </For>
      </ul>
      <Show when={preview()}>
        {(x) => (
          <Modal
            title={t('sale.previewFrom', { till: x().from })}
            onClose={() => setPreview(undefined)}
            onConfirm={() => void accept(x())}
          >
            <Show when={x().cart.customer}>
              <p>
                {t('sale.customer')}: {x().cart.customer!.name}
              </p>
            </Show>
            <Show when={x().cart.note}>
              <p>
                {t('sale.note')}: {x().cart.note}
              </p>
            </Show>
            <table>
              <tbody>
                <For each={x().cart.lines}>
                  {(l) => (
                    <tr>
                      <td>{l.qty} ×</td>
                      <td>{l.name}</td>
                      <td>{money(l.priceOverride ?? l.unitPrice)}</td>
                      <td>{l.discountBp ? `−${formatPercent(l.discountBp)}` : ''}</td>
                      <td>{money(lineAmounts(l).amount)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <p class="total">
              {t('sale.totals.total')} {money(x().cart.totals.total)}
            </p>
            <ModalActions
              confirm={t('sale.accept')}
              onConfirm={() => void accept(x())}
              onCancel={() => setPreview(undefined)}
            />
          </Modal>
        )}
      </Show>
    </section>
  );
}
