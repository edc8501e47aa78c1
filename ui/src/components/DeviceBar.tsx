/** Every device of this till at a glance, in the header: state in words, never a silent icon. */
import { For, Show } from 'solid-js';
import type { DeviceStatus } from '../../../crdt/status.ts';
import type { DeviceFeed } from '../lib/devices.ts';

export const STATE_LABELS: Record<DeviceStatus['state'], string> = {
  ready: 'ready',
  offline: 'offline',
  'paper-out': 'out of paper',
  'cover-open': 'cover open',
  error: 'error',
  stopped: 'stopped',
};

export function DeviceBar(props: { feed: DeviceFeed }) {
  return (
    <ul class="device-bar" aria-label="devices">
      <Show when={!props.feed.connected()}>
        <li class="device offline">devices: not connected to the till</li>
      </Show>
      <For each={props.feed.devices()}>
        {(d) => (
          <li class={`device ${d.state}`} title={`${d.address}${d.reason ? `: ${d.reason}` : ''}`}>
            {d.label} {STATE_LABELS[d.state]}
            <Show when={d.queue && d.queue.waiting + d.queue.held > 0}>
              {' '}
              ({d.queue!.waiting} waiting{d.queue!.held ? `, ${d.queue!.held} held` : ''})
            </Show>
            <Show when={d.drawer && d.drawer !== 'unknown'}> ({d.drawer})</Show>
          </li>
        )}
      </For>
    </ul>
  );
}

/** One line per device for tables: "printer out of paper (2 waiting)". */
export const describeDevices = (devices: DeviceStatus[] | undefined): string =>
  devices?.length
    ? devices
        .map(
          (d) =>
            `${d.label} ${STATE_LABELS[d.state]}${d.queue?.waiting ? ` (${d.queue.waiting} waiting)` : ''}`,
        )
        .join(', ')
    : '—';
