/**
 * What a till reports about the mesh (GET /api/status, section `mesh`): shared
 * by the daemon that builds it and the UI that shows it.
 */
export interface TillPresence {
  till: string;
  name: string;
  peerId: string;
  /** Staff signed in at this till's UI. */
  staff: string[];
  /** The till's devices, so a manager sees every till's printer and display from any till. */
  devices?: DeviceStatus[];
  /** Its clock (ms) when it last said so: a till whose clock is far off is shown. */
  time?: number;
  /** A till, or the relay (no cashier; it archives). Absent from tills of before. */
  role?: 'till' | 'relay';
  /** The relay's archive, as it last said. */
  archive?: { lastArchivedAt: string | null; lagMs: number; pending: number; error: string | null };
}

export type DeviceKind = 'printer' | 'drawer' | 'display' | 'scanner';

/**
 * ready: working; offline: cannot be reached (unplugged, off, refused);
 * paper-out and cover-open: the printer answered it cannot print; error: any
 * other fault, with the reason; stopped: the driver is not running.
 */
export type DeviceState = 'ready' | 'offline' | 'paper-out' | 'cover-open' | 'error' | 'stopped';

export interface DeviceStatus {
  kind: DeviceKind;
  /** What people call it: "printer", "customer display", "display page". */
  label: string;
  state: DeviceState;
  /** In words, for the cashier: "tcp 192.168.1.50:9100: connection refused". */
  reason: string | null;
  /** Where it is: "serial /dev/ttyUSB0 9600 baud", "simulated data/devices/printer". */
  address: string;
  /** ISO time of the last successful use, and of the last state change. */
  lastUsed: string | null;
  since: string;
  /** Printers: tickets waiting, and those held for a decision (stale). */
  queue?: { waiting: number; held: number };
  /** Drawers whose printer reports the sensor. */
  drawer?: 'open' | 'closed' | 'unknown';
}

export interface MeshPeerStatus {
  peerId: string;
  till: string | null;
  addresses: string[];
  connected: boolean;
  discoveredBy: string[];
  lastSeen: string | null;
  lastSync: string | null;
  rttMs: number | null;
  behind: string[];
  /** Its clock minus this till's (ms), from its presence; a minute or more is worth fixing. */
  clockOffsetMs: number | null;
}

export interface MeshStatus {
  peerId: string;
  meshId: string;
  listen: string[];
  peers: MeshPeerStatus[];
  online: TillPresence[];
}

/** What the till's devices tell its screen (GET /api/devices/events?since=). */
export type DeviceEvent =
  | { type: 'scan-added'; code: string; cartId: string; product: string }
  | { type: 'scan-refused'; code: string; error: string; message: string }
  | { type: 'scan-ignored'; code: string; message: string }
  | { type: 'order-scanned'; code: string; number: string }
  | { type: 'device'; status: DeviceStatus };

export type ScreenKind = 'welcome' | 'item' | 'total' | 'paid' | 'message';

/** What a 2x20 customer display shows, as two fitted lines (GET /api/display). */
export interface DisplayScreen {
  kind: ScreenKind;
  lines: [string, string];
}
