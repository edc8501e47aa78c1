/**
 * The ESC/POS real-time status protocol (DLE EOT n) and the drawer kick, as
 * pure functions: the driver sends the requests and parses the answers, the
 * test emulator builds the answers from its state.
 *
 * Every answer byte has fixed bits, so a byte from a line that lost sync (or a
 * printer in another emulation) is recognised as invalid rather than misread:
 * bit 0 and bit 7 are 0, bit 1 and bit 4 are 1 (byte & 0x93 === 0x12).
 */

/** 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export type StatusRequest = 1 | 2 | 3 | 4;

export const STATUS_PRINTER = 1;
export const STATUS_OFFLINE_CAUSE = 2;
export const STATUS_ERROR_CAUSE = 3;
export const STATUS_PAPER = 4;

const FIXED_MASK = 0x93;
const FIXED_VALUE = 0x12;

/** DLE EOT n: answered at once, even while the printer is offline or its buffer is full. */
export function statusRequest(n: StatusRequest): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n);
}

export interface PrinterStatus {
  kind: 'printer';
  /** Drawer kick-out connector pin 3; which level means "open" depends on the drawer. */
  drawerPin3High: boolean;
  offline: boolean;
}

export interface OfflineCause {
  kind: 'offline-cause';
  coverOpen: boolean;
  /** Paper is being fed by the feed button. */
  feedButton: boolean;
  /** Printing stopped because the paper ran out. */
  paperEndStop: boolean;
  error: boolean;
}

export interface ErrorCause {
  kind: 'error-cause';
  autocutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
}

export interface PaperStatus {
  kind: 'paper';
  /** Bits 2 and 3 move together; either one set counts. */
  nearEnd: boolean;
  /** Bits 5 and 6 move together; either one set counts. */
  paperEnd: boolean;
}

export interface InvalidStatus {
  kind: 'invalid';
  n: number;
  byte: number;
}

export type StatusResult = PrinterStatus | OfflineCause | ErrorCause | PaperStatus;

export function isValidStatusByte(byte: number): boolean {
  return Number.isInteger(byte) && byte >= 0 && byte <= 0xff && (byte & FIXED_MASK) === FIXED_VALUE;
}

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;

export function parseStatusByte(n: 1, byte: number): PrinterStatus | InvalidStatus;
export function parseStatusByte(n: 2, byte: number): OfflineCause | InvalidStatus;
export function parseStatusByte(n: 3, byte: number): ErrorCause | InvalidStatus;
export function parseStatusByte(n: 4, byte: number): PaperStatus | InvalidStatus;
export function parseStatusByte(n: number, byte: number): StatusResult | InvalidStatus;
export function parseStatusByte(n: number, byte: number): StatusResult | InvalidStatus {
  if (!isValidStatusByte(byte)) return { kind: 'invalid', n, byte };
  switch (n) {
    case 1:
      return { kind: 'printer', drawerPin3High: bit(byte, 2), offline: bit(byte, 3) };
    case 2:
      return {
        kind: 'offline-cause',
        coverOpen: bit(byte, 2),
        feedButton: bit(byte, 3),
        paperEndStop: bit(byte, 5),
        error: bit(byte, 6),
      };
    case 3:
      return {
        kind: 'error-cause',
        autocutterError: bit(byte, 3),
        unrecoverableError: bit(byte, 5),
        autoRecoverableError: bit(byte, 6),
      };
    case 4:
      return { kind: 'paper', nearEnd: (byte & 0x0c) !== 0, paperEnd: (byte & 0x60) !== 0 };
    default:
      return { kind: 'invalid', n, byte };
  }
}

/** What a printer is doing, as far as DLE EOT can tell. */
export interface PrinterState {
  paper: 'ok' | 'near-end' | 'out';
  coverOpen: boolean;
  drawerOpen: boolean;
  feedButton?: boolean;
  error?: 'autocutter' | 'unrecoverable' | 'auto-recoverable' | null;
}

export interface StatusOptions {
  /**
   * The pin 3 level of an open drawer. Drawers differ (the switch closes or
   * opens with the drawer); 'high' is the default here and a setting in the driver.
   */
  drawerOpenLevel?: 'high' | 'low';
}

/** The byte a printer in `state` answers to DLE EOT n. */
export function statusByte(
  n: StatusRequest,
  state: PrinterState,
  options: StatusOptions = {},
): number {
  const out = state.paper === 'out';
  const error = state.error ?? null;
  const flag = (on: boolean, value: number): number => (on ? value : 0);
  switch (n) {
    case 1: {
      const pin3High = state.drawerOpen === ((options.drawerOpenLevel ?? 'high') === 'high');
      const offline = state.coverOpen || out || error !== null || state.feedButton === true;
      return FIXED_VALUE | flag(pin3High, 0x04) | flag(offline, 0x08);
    }
    case 2:
      return (
        FIXED_VALUE |
        flag(state.coverOpen, 0x04) |
        flag(state.feedButton === true, 0x08) |
        flag(out, 0x20) |
        flag(error !== null, 0x40)
      );
    case 3:
      return (
        FIXED_VALUE |
        flag(error === 'autocutter', 0x08) |
        flag(error === 'unrecoverable', 0x20) |
        flag(error === 'auto-recoverable', 0x40)
      );
    case 4:
      // With no paper the near-end sensor sees no paper either, so both pairs are set.
      return FIXED_VALUE | flag(state.paper !== 'ok', 0x0c) | flag(out, 0x60);
  }
}

/** The answers to every DLE EOT request at once, for emulators. */
export function statusBytes(
  state: PrinterState,
  options: StatusOptions = {},
): Record<StatusRequest, number> {
  return {
    1: statusByte(1, state, options),
    2: statusByte(2, state, options),
    3: statusByte(3, state, options),
    4: statusByte(4, state, options),
  };
}

/** Why the printer cannot print now, from what it answered, or null when it can. */
export function notReadyCondition(answers: {
  printer?: PrinterStatus;
  offlineCause?: OfflineCause;
  paper?: PaperStatus;
}): 'paper-out' | 'cover-open' | 'error' | 'offline' | null {
  const { printer, offlineCause, paper } = answers;
  if (paper?.paperEnd || offlineCause?.paperEndStop) return 'paper-out';
  if (offlineCause?.coverOpen) return 'cover-open';
  if (offlineCause?.error) return 'error';
  if (printer?.offline) return 'offline';
  return null;
}

const toUnits = (ms: number): number =>
  Math.min(255, Math.max(1, Math.round((Number.isFinite(ms) ? ms : 0) / 2)));

/**
 * ESC p m t1 t2: a drawer kick on connector pin 2 (m = 0) or pin 5 (m = 1),
 * on for t1 × 2 ms and off for t2 × 2 ms, each clamped to 1..255 units.
 * drawerPulse(2, 100, 500) is 1B 70 00 32 FA, what the receipt encoder's
 * pulse(0, 100, 500) sends; the ENGINEERING notes' common kick 1B 70 00 19 FA
 * is drawerPulse(2, 50, 500).
 */
export function drawerPulse(pin: 2 | 5, onMs: number, offMs: number): Uint8Array {
  return Uint8Array.of(0x1b, 0x70, pin === 5 ? 1 : 0, toUnits(onMs), toUnits(offMs));
}

/**
 * DLE DC4 1 m t: a drawer kick the printer carries out at once, even while it
 * is offline (out of paper, cover open) and does not run ESC p. On and off
 * t x 100 ms, t from 1 to 8.
 */
export function realtimeDrawerPulse(pin: 2 | 5, onMs: number): Uint8Array {
  const t = Math.min(8, Math.max(1, Math.round((Number.isFinite(onMs) ? onMs : 0) / 100)));
  return Uint8Array.of(0x10, 0x14, 0x01, pin === 5 ? 1 : 0, t);
}
