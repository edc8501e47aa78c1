/**
 * The till's devices, live: their states and what they tell the screen (a
 * serial scan added or refused, a receipt scanned), over one event stream.
 * EventSource reconnects by itself when the daemon restarts.
 */
import { createSignal, onCleanup } from 'solid-js';
import type { Accessor } from 'solid-js';
import type { DeviceEvent, DeviceStatus } from '../../../crdt/status.ts';
import { currentToken } from './api.ts';

type Streamed = DeviceEvent | { type: 'snapshot'; devices: DeviceStatus[] };

export interface DeviceFeed {
  devices: Accessor<DeviceStatus[]>;
  connected: Accessor<boolean>;
  onEvent(listener: (event: DeviceEvent) => void): void;
}

const key = (d: DeviceStatus) => `${d.kind} ${d.address}`;

export function followDevices(): DeviceFeed {
  const [devices, setDevices] = createSignal<DeviceStatus[]>([]);
  const [connected, setConnected] = createSignal(false);
  const listeners = new Set<(event: DeviceEvent) => void>();
  const source = new EventSource(`/api/devices/stream?token=${encodeURIComponent(currentToken())}`);
  source.onopen = () => setConnected(true);
  source.onerror = () => setConnected(false);
  source.onmessage = (message: MessageEvent<string>) => {
    const event = JSON.parse(message.data) as Streamed;
    if (event.type === 'snapshot') return setDevices(event.devices);
    if (event.type === 'device')
      setDevices((list) =>
        list.map((d) => (key(d) === key(event.status) ? { ...d, ...event.status } : d)),
      );
    for (const listener of listeners) listener(event);
  };
  onCleanup(() => source.close());
  return {
    devices,
    connected,
    onEvent: (listener) => {
      listeners.add(listener);
      onCleanup(() => listeners.delete(listener));
    },
  };
}
