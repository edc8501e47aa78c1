/** Every device of this till at a glance: state in words, never a silent icon. */
import { For, Show } from 'solid-js';
import type { DeviceStatus } from '../../../crdt/status.ts';
import { t } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import type { DeviceFeed } from '../lib/devices.ts';

const STATE_LABELS: Record<DeviceStatus['state'], MessageKey> = {
  ready: 'device.state.ready',
  offline: 'device.state.offline',
  'paper-out': 'device.state.paperOut',
  'cover-open': 'device.state.coverOpen',
  error: 'device.state.error',
  stopped: 'device.state.stopped',
};

/** "printer out of paper (2 waiting, 1 held)": a device's name is what the till's config calls it. */
export function describeDevice(d: DeviceStatus): string {
  const queue =
    d.queue && d.queue.waiting + d.queue.held > 0
      ? ` (${t(d.queue.held ? 'device.queueHeld' : 'device.queue', { waiting: d.queue.waiting, held: d.queue.held })})`
      : '';
  const drawer = d.drawer && d.drawer !== 'unknown' ? ` (${t(`device.drawer.${d.drawer}`)})` : '';
  return `${d.label} ${t(STATE_LABELS[d.state])}${queue}${drawer}`;
}

export function DeviceBar(props: { feed: DeviceFeed }) {
  return (
    <ul class="device-bar" aria-label={t('device.all')}>
      <Show when={!props.feed.connected()}>
        <li class="device offline">{t('device.notConnected')}</li>
      </Show>
      <For each={props.feed.devices()}>
        {(d) => (
          <li class={`device ${d.state}`} title={`${d.address}${d.reason ? `: ${d.reason}` : ''}`}>
            {describeDevice(d)}
          </li>
        )}
      </For>
    </ul>
  );
}

/** One line for every device of a till, for tables. */
export const describeDevices = (devices: DeviceStatus[] | undefined): string =>
  devices?.length ? devices.map(describeDevice).join(', ') : '—';
