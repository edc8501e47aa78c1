/**
 * Taking payment: several lines (cash, card, other), quick cash, and what is
 * left and the change shown live before validating. Validating prints, opens
 * the drawer on cash and shows the receipt screen.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { currencyDecimals, toDecimalString } from '../../../../crdt/money.ts';
import { paymentMethods } from '../../../../crdt/schema.ts';
import type { Order } from '../../../../crdt/schema.ts';
import { go } from '../../app/router.ts';
import { Numpad, typeKey } from '../../components/Numpad.tsx';
import { currency, money, t, typedAmount } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';
import type { Cart } from '../sale/cart-store.ts';
import type { PaymentLine } from './payment-lines.ts';
import { quickCash, tally } from './payment-lines.ts';
import { METHOD_LABEL, PaymentLinesView } from './PaymentLinesView.tsx';
import { CartTotals } from '../sale/CartTotals.tsx';
import './payment.css';

export function PaymentScreen(props: { params: string[] }) {
  const cartId = () => props.params[0] ?? '';
  const [cart] = createResource(cartId, (id) => api<Cart>('GET', `/api/carts/${id}`));
  return (
    <Show when={cart()} fallback={<p class="working">{t('pay.loading')}</p>}>
      {(c) => <Payment cart={c()} />}
    </Show>
  );
}

function Payment(props: { cart: Cart }) {
  const [lines, setLines] = createSignal<PaymentLine[]>([]);
  const [selected, setSelected] = createSignal(0);
  const now = () => tally(props.cart.lines, lines(), typedAmount);
  const unit = () => 10 ** currencyDecimals(currency());
  // typed text for an amount, exact: never through a float
  const major = (minor: number) => toDecimalString(minor, currencyDecimals(currency()));
  const addLine = (method: PaymentLine['method'], amount?: number) => {
    // a new line starts with what is left, so one tap on Card pays the rest
    const text = major(amount ?? now().remaining);
    setLines((list) => [...list, { method, text: now().remaining > 0 || amount ? text : '' }]);
    setSelected(lines().length - 1);
  };
  const edit = (text: (before: string) => string) =>
    setLines((list) => list.map((l, i) => (i === selected() ? { ...l, text: text(l.text) } : l)));
  const remove = (index: number) => {
    setLines((list) => list.filter((_, i) => i !== index));
    setSelected(Math.max(0, lines().length - 1));
  };
  const validate = () =>
    run(t('pay.working'), async () => {
      if (!now().payable) return;
      const paid = await api<Order>('POST', `/api/carts/${props.cart.id}/pay`, {
        payments: now().payments,
      });
      go('receipt', paid.number ?? paid.id);
    });
  return (
    <div
      class="payment"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.target as HTMLElement).tagName !== 'BUTTON') {
          e.preventDefault();
          void validate();
        }
      }}
    >
      <section class="summary">
        <h2>{t('pay.title', { total: money(props.cart.totals.total) })}</h2>
        <CartTotals totals={props.cart.totals} />
        <dl class="due">
          <dt>{t('pay.paid')}</dt>
          <dd data-testid="paid">{money(now().paid)}</dd>
          <dt>{t('pay.remaining')}</dt>
          <dd data-testid="remaining" classList={{ owing: now().remaining > 0 }}>
            {money(now().remaining)}
          </dd>
          <dt>{t('pay.change')}</dt>
          <dd data-testid="change">{money(now().change)}</dd>
        </dl>
        <Show when={!now().valid}>
          <p class="error" role="alert">
            {t('pay.notAnAmount')}
          </p>
        </Show>
      </section>
      <section class="entry">
        <div class="methods">
          <For each={paymentMethods}>
            {(method) => (
              <button type="button" onClick={() => addLine(method)}>
                {t(METHOD_LABEL[method])}
              </button>
            )}
          </For>
        </div>
        <PaymentLinesView
          lines={lines()}
          selected={selected()}
          onSelect={setSelected}
          onRemove={remove}
        />
        <Show when={lines()[selected()]}>
          <input
            name="tendered"
            inputmode="decimal"
            aria-label={t('pay.amount')}
            value={lines()[selected()]!.text}
            onInput={(e) => {
              const value = e.currentTarget.value;
              edit(() => value);
            }}
          />
          <Numpad onKey={(key) => edit((text) => typeKey(text, key))} />
        </Show>
        <div class="quick-cash" aria-label={t('pay.quickCash')}>
          <For each={quickCash(now().remaining, unit())}>
            {(amount) => (
              <button type="button" onClick={() => addLine('cash', amount)}>
                {money(amount)}
              </button>
            )}
          </For>
        </div>
        <div class="actions">
          <button type="button" onClick={() => go('sale')}>
            {t('pay.back')}
          </button>
          <button
            type="button"
            class="primary validate"
            disabled={!now().payable}
            onClick={() => void validate()}
          >
            {t('pay.validate')}
          </button>
        </div>
      </section>
    </div>
  );
}
