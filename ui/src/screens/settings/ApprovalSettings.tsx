/** What a cashier needs a manager's PIN for, on the spot (mesh setting `approvals`). */
import { createSignal } from 'solid-js';
import type { MeshSettings } from '../../../../crdt/schema.ts';
import { useSession } from '../../app/session.tsx';
import { toast } from '../../components/Toasts.tsx';
import { t } from '../../i18n/i18n.ts';
import { amountText, changed, saveSettings, typedLimit } from './save-settings.ts';

type Approvals = MeshSettings['approvals'];
type Switch = 'priceOverride' | 'voidWithLines' | 'noSaleDrawer';
const SWITCHES: Switch[] = ['priceOverride', 'voidWithLines', 'noSaleDrawer'];

/** "12.5" percent as basis points (1250); undefined unless 0 to 100. */
function typedPercent(text: string): number | undefined {
  const value = Number(text.trim().replace(',', '.') || '0');
  if (!Number.isFinite(value) || value < 0 || value > 100) return undefined;
  return Math.round(value * 100);
}

export function ApprovalSettings(props: { mesh: MeshSettings }) {
  const session = useSession();
  const a = props.mesh.approvals;
  const [discount, setDiscount] = createSignal(String(a.discountAboveBp / 100));
  const [cashOut, setCashOut] = createSignal(amountText(a.cashOutAbove));
  const [switches, setSwitches] = createSignal<Record<Switch, boolean>>({
    priceOverride: a.priceOverride,
    voidWithLines: a.voidWithLines,
    noSaleDrawer: a.noSaleDrawer,
  });
  const save = async () => {
    const discountAboveBp = typedPercent(discount());
    if (discountAboveBp === undefined) return toast('error', t('settings.badPercent'));
    const cashOutAbove = typedLimit(cashOut());
    if (cashOutAbove === undefined) return;
    const approvals: Approvals = { ...switches(), discountAboveBp, cashOutAbove };
    const saved = session.settings.latest?.mesh.approvals ?? a;
    // the approvals are one setting: a change sends all of them
    const patch = Object.keys(changed(saved, approvals)).length ? { approvals } : {};
    await saveSettings(session, patch);
  };
  return (
    <form
      class="settings-card approval-settings"
      aria-labelledby="approval-settings-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id="approval-settings-title">{t('settings.approvals')}</h3>
      <p class="hint">{t('settings.approvalsHint')}</p>
      <label>
        {t('settings.discountAbove')}
        <input
          name="discountAbove"
          inputmode="decimal"
          autocomplete="off"
          value={discount()}
          onInput={(e) => setDiscount(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('settings.cashOutAbove')}
        <input
          name="cashOutAbove"
          inputmode="decimal"
          autocomplete="off"
          value={cashOut()}
          onInput={(e) => setCashOut(e.currentTarget.value)}
        />
      </label>
      {SWITCHES.map((key) => (
        <label class="choice">
          <input
            type="checkbox"
            name={key}
            checked={switches()[key]}
            onChange={(e) => setSwitches((s) => ({ ...s, [key]: e.currentTarget.checked }))}
          />
          {t(`settings.approve.${key}`)}
        </label>
      ))}
      <button type="submit" class="primary">
        {t('settings.saveApprovals')}
      </button>
    </form>
  );
}
