/**
 * Always on screen, each apart: this till's daemon, the other tills in reach
 * on the LAN, the relay, and every device. Nothing here blocks a sale.
 */
import { createEffect, createSignal, Show } from 'solid-js';
import { t } from '../i18n/i18n.ts';
import { useSession } from '../app/session.tsx';
import { DeviceBar } from './DeviceBar.tsx';

export function ConnectionBar() {
  const session = useSession();
  const others = () => (session.settings()?.tills ?? []).filter((x) => x.code !== session.self);
  const inReach = () => {
    const codes = new Set<string>(others().map((x) => x.code));
    return new Set(
      (session.status()?.mesh?.peers ?? [])
        .filter((p) => p.connected && p.till && codes.has(p.till))
        .map((p) => p.till),
    ).size;
  };
  const relay = () => session.status()?.mesh?.online.find((o) => o.role === 'relay');
  // a relay seen once and gone since is out of reach; one never seen is just not there
  const [seenRelay, setSeenRelay] = createSignal(false);
  createEffect(() => relay() && setSeenRelay(true));
  const relayState = () => {
    const r = relay();
    if (!r) return seenRelay() ? 'down' : 'none';
    return r.archive?.error ? 'down' : 'up';
  };
  const relayText = () => {
    const r = relay();
    if (!r) return t(seenRelay() ? 'conn.relay.down' : 'conn.relay.none');
    const a = r.archive;
    if (a?.error) return t('conn.relay.archiveFailing', { error: a.error });
    return t('conn.relay.archive', {
      name: r.name,
      lag: Math.round((a?.lagMs ?? 0) / 1000),
      pending: a?.pending ?? 0,
    });
  };
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
      <span class={`conn ${relayState()}`}>
        {t('conn.relay')}: {relayText()}
      </span>
      <DeviceBar feed={session.devices} />
    </div>
  );
}
