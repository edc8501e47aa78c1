/**
 * The cart side of the sale screen: the open carts, the lines with the
 * numpad for the selected one, the totals, and what can be done with the cart.
 */
import { createSignal, Show } from 'solid-js';
import { go } from '../../app/router.ts';
import { ConfirmDialog } from '../../components/Modal.tsx';
import { t } from '../../i18n/i18n.ts';
import { run } from '../../lib/run.ts';
import { SendDialog } from '../transfers/SendDialog.tsx';
import type { CartStore } from './cart-store.ts';
import { CartLines } from './CartLines.tsx';
import { CartTabs } from './CartTabs.tsx';
import { CartTotals } from './CartTotals.tsx';
import { CustomerNoteDialog } from './CustomerNoteDialog.tsx';
import { LineEditor } from './LineEditor.tsx';
import { VoidDialog } from './VoidDialog.tsx';

type Dialog = 'customer' | 'void' | 'send' | { remove: string };

export function CartPanel(props: { store: CartStore; tills: string[] }) {
  const store = props.store;
  const [selected, setSelected] = createSignal<string>();
  const [dialog, setDialog] = createSignal<Dialog>();
  const cart = () => store.current();
  // the line the numpad edits: the one chosen, else the last one added
  const line = () => cart()?.lines.find((l) => l.id === selected()) ?? cart()?.lines.at(-1);
  const close = () => setDialog(undefined);
  const removing = () => {
    const d = dialog();
    return typeof d === 'object' ? cart()?.lines.find((l) => l.id === d.remove) : undefined;
  };
  return (
    <section class="cart" aria-label={t('sale.cart')}>
      <CartTabs
        carts={store.carts() ?? []}
        current={cart()?.id}
        onSelect={store.select}
        onNew={() => void run(t('sale.working.newCart'), store.newCart)}
      />
      <Show when={cart()} fallback={<p class="hint">{t('sale.startHint')}</p>}>
        {(c) => (
          <>
            <CartLines cart={c()} selected={line()?.id} onSelect={setSelected} />
            <CartTotals totals={c().totals} />
            <div class="cart-pad">
              <Show when={line()}>
                {(l) => (
                  <LineEditor
                    line={l()}
                    onEdit={(edit) =>
                      void run(t('sale.working.update'), () => store.editLine(c(), l().id, edit))
                    }
                    onRemove={() => setDialog({ remove: l().id })}
                  />
                )}
              </Show>
              <div class="actions">
                <button
                  type="button"
                  class="pay primary"
                  disabled={!c().lines.length || !!c().transferLost}
                  onClick={() => go('payment', c().id)}
                >
                  {t('sale.pay')}
                </button>
                <button
                  type="button"
                  disabled={!c().lines.length || !!c().transferRef}
                  onClick={() => setDialog('send')}
                >
                  {t('sale.send')}
                </button>
                <button type="button" onClick={() => setDialog('customer')}>
                  {t('sale.customerNote')}
                </button>
                <button type="button" class="danger" onClick={() => setDialog('void')}>
                  {t('sale.void')}
                </button>
              </div>
            </div>
            <Show when={dialog() === 'customer'}>
              <CustomerNoteDialog
                cart={c()}
                onClose={close}
                onSave={(customer, note) => {
                  close();
                  void run(t('sale.working.update'), () =>
                    store.setCustomerNote(c(), customer, note),
                  );
                }}
              />
            </Show>
            <Show when={dialog() === 'void'}>
              <VoidDialog
                onClose={close}
                onVoid={(reason) => {
                  close();
                  void run(t('sale.working.void'), () => store.voidCart(c(), reason));
                }}
              />
            </Show>
            <Show when={removing()}>
              {(l) => (
                <ConfirmDialog
                  title={t('sale.remove.title')}
                  message={t('sale.remove.message', { name: l().name, qty: l().qty })}
                  confirm={t('sale.removeLine')}
                  onClose={close}
                  onConfirm={() => {
                    close();
                    void run(t('sale.working.update'), () => store.removeLine(c(), l().id));
                  }}
                />
              )}
            </Show>
            <Show when={dialog() === 'send'}>
              <SendDialog
                cart={c()}
                tills={props.tills}
                onClose={close}
                onSent={(cartId) => {
                  close();
                  store.forget(cartId);
                }}
              />
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
