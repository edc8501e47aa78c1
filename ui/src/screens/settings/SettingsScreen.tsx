/** The manager's settings: the shop, approvals, every till's roles and language, this till's devices. */
import { Show } from 'solid-js';
import { useSession } from '../../app/session.tsx';
import { t } from '../../i18n/i18n.ts';
import { ApprovalSettings } from './ApprovalSettings.tsx';
import { DeviceSettings } from './DeviceSettings.tsx';
import { ShopSettings } from './ShopSettings.tsx';
import { TillSettings } from './TillSettings.tsx';
import './settings.css';

export function SettingsScreen() {
  const session = useSession();
  return (
    <section class="settings-screen">
      <Show
        when={session.settings.latest}
        fallback={<p class="working">{t('settings.loading')}</p>}
      >
        {(settings) => (
          <div class="settings-grid">
            <ShopSettings mesh={settings().mesh} />
            <ApprovalSettings mesh={settings().mesh} />
            <TillSettings tills={settings().tills} />
            <DeviceSettings />
          </div>
        )}
      </Show>
    </section>
  );
}
