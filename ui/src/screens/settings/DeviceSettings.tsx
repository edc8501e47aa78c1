/**
 * This till's devices as they are now (the live device feed): each one's
 * state and why, a test page on the printer, and the drawer opened without a
 * sale. A device that is away never blocks anything: the test page waits in
 * the printer's queue like a receipt.
 */
import { createSignal, For, Show } from 'solid-js';
import type { QueuedTicket } from '../../../../crdt/api-types.ts';
import { useSession } from '../../app/session.tsx';
import { describeDevice } from '../../components/DeviceBar.tsx';
import { toast } from '../../components/Toasts.tsx';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';
import { DrawerDialog } from './DrawerDialog.tsx';

export function DeviceSettings() {
  const session = useSession();
  const devices = () => session.devices.devices();
  const has = (kind: string) => devices().some((d) => d.kind === kind);
  const [drawer, setDrawer] = createSignal(false);
  const testPrint = async () => {
    const job = await run(t('settings.testPrinting'), () =>
      api<QueuedTicket>('POST', '/api/devices/printer/test'),
    );
    if (job) toast('success', t('settings.testQueued'));
  };
  return (
    <section class="settings-card device-settings" aria-labelledby="device-settings-title">
      <h3 id="device-settings-title">{t('settings.devices', { till: session.self })}</h3>
      <Show when={devices().length > 0} fallback={<p class="hint">{t('settings.noDevices')}</p>}>
        <ul class="device-list">
          <For each={devices()}>
            {(d) => (
              <li class="device-row" data-state={d.state} data-kind={d.kind}>
                <strong>{describeDevice(d)}</strong>
                <span class="hint">
                  {d.address}
                  {d.reason ? ` · ${d.reason}` : ''}
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="actions">
        <Show when={has('printer')}>
          <button type="button" onClick={() => void testPrint()}>
            {t('settings.testPrint')}
          </button>
        </Show>
        <Show when={has('drawer')}>
          <button type="button" onClick={() => setDrawer(true)}>
            {t('settings.openDrawer')}
          </button>
        </Show>
      </div>
      <Show when={drawer()}>
        <DrawerDialog onClose={() => setDrawer(false)} />
      </Show>
    </section>
  );
}
