/**
 * What every device driver shares: a lifecycle that is safe to call twice, and
 * a status that says in words what state the device is in.
 */
import type { DeviceStatus } from '../crdt/status.ts';

export type { DeviceKind, DeviceState, DeviceStatus } from '../crdt/status.ts';

export interface Device {
  start(): Promise<void>;
  /** Safe to call twice, and before start. */
  stop(): Promise<void>;
  status(): DeviceStatus;
  /** Runs whenever the status changes (state, reason, queue length). */
  onStatus(listener: (status: DeviceStatus) => void): () => void;
}

/** The logging a driver needs; the daemon's logger fits it. */
export interface DeviceLog {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(component: string): DeviceLog;
}
