/**
 * A device's status and who hears of it: every driver keeps one. A change of
 * state is logged once (not every retry), so the log reads as a device's story.
 */
import type { DeviceKind, DeviceLog, DeviceState, DeviceStatus } from './device.ts';

const LABELS: Record<DeviceKind, string> = {
  printer: 'printer',
  drawer: 'drawer',
  display: 'customer display',
  scanner: 'scanner',
};

export class StatusTracker {
  private value: DeviceStatus;
  private readonly listeners = new Set<(status: DeviceStatus) => void>();

  constructor(
    kind: DeviceKind,
    address: string,
    private readonly log: DeviceLog,
    label: string = LABELS[kind],
    private readonly now: () => number = Date.now,
  ) {
    this.value = {
      kind,
      label,
      state: 'stopped',
      reason: null,
      address,
      lastUsed: null,
      since: new Date(now()).toISOString(),
    };
  }

  get(): DeviceStatus {
    return this.value;
  }

  set(state: DeviceState, reason: string | null = null): void {
    if (state === this.value.state && reason === this.value.reason) return;
    const was = this.value.state;
    this.patch({ state, reason, since: new Date(this.now()).toISOString() });
    const fields = { device: this.value.label, address: this.value.address, state, was, reason };
    if (state === 'ready' || state === 'stopped') this.log.info('device state', fields);
    else this.log.warn('device state', fields);
  }

  /** A successful use: it also proves the device is ready (`note` says what to watch). */
  used(note: string | null = null): void {
    this.patch({ lastUsed: new Date(this.now()).toISOString() });
    this.set('ready', note);
  }

  patch(change: Partial<DeviceStatus>): void {
    this.value = { ...this.value, ...change };
    for (const listener of this.listeners) listener(this.value);
  }

  onChange(listener: (status: DeviceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The status half of every driver, so each states only how it starts, stops and works. */
export abstract class TrackedDevice {
  protected readonly tracker: StatusTracker;

  constructor(kind: DeviceKind, address: string, log: DeviceLog, label?: string) {
    this.tracker = new StatusTracker(kind, address, log, label);
  }

  status(): DeviceStatus {
    return this.tracker.get();
  }

  onStatus(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.onChange(listener);
  }
}
