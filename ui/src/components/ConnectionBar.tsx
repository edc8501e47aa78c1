/**
 * Always on screen, each apart: this till's daemon, the other tills in reach
 * on the LAN, the relay, and every device. Nothing here blocks a sale.
 */
import { Show } from 'solid-js';
import { t } from '../i18n/i18n.ts';
import { useSession } from '../app/session.tsx';
import { DeviceBar } from './DeviceBar.tsx';

export function ConnectionBar() {
  const session = useSession();
  const others = () => (session.settings()?.tills ?? []).filter((x) => x.code !== session.self);
  const inReach = () =>
    new Set(
      (session.status()?.mesh?.peers ?? []).filter((p) => p.connected && p.till).map((p) => p.till),
    ).size;
  return (
    <div class="connection-bar" aria-label="connections">
      <span class={`conn ${session.daemonUp() ? 'up' : 'down'}`} role="status">
        {t('conn.daemon')}: {t(session.daemonUp() ? 'conn.daemon.up' : 'conn.daemon.down')}
      </span>
      <Show when={others().length > 0}>
        <span class={`conn ${inReach() > 0 ? 'up' : 'down'}`}>
          {t('conn.peers')}: {t('conn.peers.count', { count: inReach(), total: others().length })}
        </span>
      </Show>
      <span class="conn none">
        {t('conn.relay')}: {t('conn.relay.none')}
      </span>
      <DeviceBar feed={session.devices} />
    </div>
  );
}
