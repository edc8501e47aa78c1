/**
 * The cashier's screen: the cart on one side, the products on the other.
 * A scan anywhere adds its product (a receipt's code opens that order), and
 * the daemon's serial scanner adds to the cart shown here.
 */
import { createEffect, on, onCleanup, Show } from 'solid-js';
import { classifyScan } from '../../../../crdt/scan.ts';
import { go } from '../../app/router.ts';
import { useSession } from '../../app/session.tsx';
import { toast } from '../../components/Toasts.tsx';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { follow } from '../../lib/live.ts';
import { run } from '../../lib/run.ts';
import { listenForScans } from '../../lib/scanner.ts';
import { OpenDay } from '../day/OpenDay.tsx';
import { createCartStore } from './cart-store.ts';
import { CartPanel } from './CartPanel.tsx';
import { ProductPanel } from './ProductPanel.tsx';
import { ReceivePanel } from '../transfers/ReceivePanel.tsx';
import { SentList } from '../transfers/SentList.tsx';
import { TransferNotices } from '../transfers/TransferNotices.tsx';
import './sale.css';

export function SaleScreen() {
  const session = useSession();
  return (
    <Show
      when={session.day()?.day}
      fallback={
        <Show when={session.day()}>
          <OpenDay onOpened={session.refetchDay} />
        </Show>
      }
    >
      {(day) => (
        <Show keyed when={day().doc}>
          {(doc) => <Sale doc={doc} />}
        </Show>
      )}
    </Show>
  );
}

/** One open day's sale screen; the day is followed once here (a prop would follow it on every read). */
function Sale(props: { doc: string }) {
  const session = useSession();
  const day = follow(props.doc);
  const store = createCartStore(day.version);
  const add = (item: { barcode: string } | { productId: string }) =>
    run(t('sale.working.add'), () => store.add(item));
  const onScan = (code: string) => {
    const scan = classifyScan(code, []);
    if (scan.kind === 'order') go('orders', scan.number);
    else void add({ barcode: code });
  };
  onCleanup(listenForScans(onScan));
  // the daemon's serial scanner adds to the cart on this screen: tell it which one that is
  createEffect(
    on(
      () => store.current()?.id ?? null,
      (cartId) => void api('PUT', '/api/screen', { cartId }).catch(() => undefined),
    ),
  );
  session.devices.onEvent((event) => {
    if (event.type === 'scan-added') {
      store.select(event.cartId);
      store.refetch();
    } else if (event.type === 'scan-refused' || event.type === 'scan-ignored')
      toast('error', t('sale.scanRefused', { code: event.code, message: event.message }));
    else if (event.type === 'order-scanned') go('orders', event.number);
  });
  const others = () =>
    (session.settings()?.tills ?? []).map((x) => x.code).filter((code) => code !== session.self);
  return (
    <div class="sale">
      <TransferNotices />
      <CartPanel store={store} tills={others()} />
      <div class="side">
        <ProductPanel
          onAddProduct={(productId) => void add({ productId })}
          onAddCode={async (barcode) => (await add({ barcode })) !== undefined}
        />
        <ReceivePanel onAccepted={(cart) => store.track(cart)} />
        <SentList onCancelled={(cart) => store.track(cart)} />
      </div>
    </div>
  );
}
