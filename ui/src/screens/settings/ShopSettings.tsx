/**
 * The shop as every till prints and shows it: name, receipt header and footer,
 * currency (the daemon refuses a change once a till has sold), transfers for
 * the whole mesh, and the provisional refund limit.
 */
import { createSignal } from 'solid-js';
import type { MeshSettings } from '../../../../crdt/schema.ts';
import { useSession } from '../../app/session.tsx';
import { t } from '../../i18n/i18n.ts';
import { amountText, changed, saveSettings, typedLimit } from './save-settings.ts';

export function ShopSettings(props: { mesh: MeshSettings }) {
  const session = useSession();
  const [shopName, setShopName] = createSignal(props.mesh.shopName);
  const [header, setHeader] = createSignal(props.mesh.receiptHeader);
  const [footer, setFooter] = createSignal(props.mesh.receiptFooter);
  const [currency, setCurrency] = createSignal(props.mesh.currency);
  const [transfers, setTransfers] = createSignal(props.mesh.transfersEnabled);
  const [limit, setLimit] = createSignal(amountText(props.mesh.provisionalRefundLimit));
  const save = async () => {
    const provisionalRefundLimit = typedLimit(limit());
    if (provisionalRefundLimit === undefined) return;
    const { mesh } = session.settings.latest ?? { mesh: props.mesh };
    const draft = {
      shopName: shopName().trim(),
      receiptHeader: header(),
      receiptFooter: footer(),
      currency: currency().trim().toUpperCase(),
      transfersEnabled: transfers(),
      provisionalRefundLimit,
    };
    const saved = {
      shopName: mesh.shopName,
      receiptHeader: mesh.receiptHeader,
      receiptFooter: mesh.receiptFooter,
      currency: mesh.currency,
      transfersEnabled: mesh.transfersEnabled,
      provisionalRefundLimit: mesh.provisionalRefundLimit,
    };
    await saveSettings(session, changed(saved, draft));
  };
  return (
    <form
      class="settings-card shop-settings"
      aria-labelledby="shop-settings-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id="shop-settings-title">{t('settings.shop')}</h3>
      <label>
        {t('settings.shopName')}
        <input
          name="shopName"
          maxLength={80}
          value={shopName()}
          onInput={(e) => setShopName(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('settings.receiptHeader')}
        <textarea
          name="receiptHeader"
          rows={3}
          maxLength={400}
          value={header()}
          onInput={(e) => setHeader(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('settings.receiptFooter')}
        <textarea
          name="receiptFooter"
          rows={2}
          maxLength={400}
          value={footer()}
          onInput={(e) => setFooter(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('settings.currency')}
        <input
          name="currency"
          maxLength={3}
          autocomplete="off"
          value={currency()}
          onInput={(e) => setCurrency(e.currentTarget.value)}
        />
        <span class="hint">{t('settings.currencyHint')}</span>
      </label>
      <label class="choice">
        <input
          type="checkbox"
          name="transfersEnabled"
          checked={transfers()}
          onChange={(e) => setTransfers(e.currentTarget.checked)}
        />
        {t('settings.transfersEnabled')}
      </label>
      <label>
        {t('settings.provisionalRefundLimit')}
        <input
          name="provisionalRefundLimit"
          inputmode="decimal"
          autocomplete="off"
          value={limit()}
          onInput={(e) => setLimit(e.currentTarget.value)}
        />
      </label>
      <button type="submit" class="primary">
        {t('settings.saveShop')}
      </button>
    </form>
  );
}
