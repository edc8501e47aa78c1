import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidStatusByte,
  notReadyCondition,
  parseStatusByte,
  statusByte,
  statusBytes,
  statusRequest,
} from '../../devices/escpos/printer-status.ts';
import type { PrinterState, StatusRequest } from '../../devices/escpos/printer-status.ts';

const idle: PrinterState = { paper: 'ok', coverOpen: false, drawerOpen: false };

const stateArb = fc.record({
  paper: fc.constantFrom('ok' as const, 'near-end' as const, 'out' as const),
  coverOpen: fc.boolean(),
  drawerOpen: fc.boolean(),
  feedButton: fc.boolean(),
  error: fc.constantFrom(
    null,
    'autocutter' as const,
    'unrecoverable' as const,
    'auto-recoverable' as const,
  ),
});

describe('DLE EOT requests', () => {
  it('are DLE EOT n', () => {
    for (const n of [1, 2, 3, 4] as const) expect([...statusRequest(n)]).toEqual([0x10, 0x04, n]);
  });
});

describe('parseStatusByte', () => {
  it('reads an idle printer (0x12 on every request)', () => {
    expect(statusBytes(idle)).toEqual({ 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 });
    expect(parseStatusByte(1, 0x12)).toEqual({
      kind: 'printer',
      drawerPin3High: false,
      offline: false,
    });
    expect(parseStatusByte(4, 0x12)).toEqual({ kind: 'paper', nearEnd: false, paperEnd: false });
  });

  it('reads each documented bit', () => {
    expect(parseStatusByte(1, 0x16)).toMatchObject({ drawerPin3High: true, offline: false });
    expect(parseStatusByte(1, 0x1a)).toMatchObject({ drawerPin3High: false, offline: true });
    expect(parseStatusByte(2, 0x16)).toMatchObject({ coverOpen: true, feedButton: false });
    expect(parseStatusByte(2, 0x1a)).toMatchObject({ coverOpen: false, feedButton: true });
    expect(parseStatusByte(2, 0x32)).toMatchObject({ paperEndStop: true, error: false });
    expect(parseStatusByte(2, 0x52)).toMatchObject({ paperEndStop: false, error: true });
    expect(parseStatusByte(3, 0x1a)).toMatchObject({ autocutterError: true });
    expect(parseStatusByte(3, 0x32)).toMatchObject({ unrecoverableError: true });
    expect(parseStatusByte(3, 0x52)).toMatchObject({ autoRecoverableError: true });
    expect(parseStatusByte(4, 0x1e)).toEqual({ kind: 'paper', nearEnd: true, paperEnd: false });
    expect(parseStatusByte(4, 0x72)).toEqual({ kind: 'paper', nearEnd: false, paperEnd: true });
    expect(parseStatusByte(4, 0x7e)).toEqual({ kind: 'paper', nearEnd: true, paperEnd: true });
  });

  it('rejects bytes whose fixed bits are wrong, and unknown requests', () => {
    for (const byte of [0x00, 0x13, 0x10, 0x02, 0x92, 0xff, 0x08, -1, 256, 1.5]) {
      expect(isValidStatusByte(byte)).toBe(false);
      expect(parseStatusByte(1, byte)).toEqual({ kind: 'invalid', n: 1, byte });
    }
    expect(parseStatusByte(5, 0x12)).toEqual({ kind: 'invalid', n: 5, byte: 0x12 });
    let valid = 0;
    for (let byte = 0; byte < 256; byte++) if (isValidStatusByte(byte)) valid++;
    expect(valid).toBe(16); // 4 fixed bits of 8
  });
});

describe('statusByte', () => {
  it('answers for a printer out of paper, with the cover open, with the drawer open', () => {
    const out: PrinterState = { ...idle, paper: 'out' };
    expect(parseStatusByte(1, statusByte(1, out))).toMatchObject({ offline: true });
    expect(parseStatusByte(2, statusByte(2, out))).toMatchObject({ paperEndStop: true });
    expect(parseStatusByte(4, statusByte(4, out))).toMatchObject({ paperEnd: true });
    const nearEnd = { ...idle, paper: 'near-end' as const };
    expect(statusByte(4, nearEnd)).toBe(0x1e);
    expect(statusByte(1, nearEnd)).toBe(0x12); // near end still prints
    expect(statusByte(2, { ...idle, coverOpen: true })).toBe(0x16);
    expect(statusByte(1, { ...idle, drawerOpen: true })).toBe(0x16);
    expect(statusByte(1, { ...idle, drawerOpen: true }, { drawerOpenLevel: 'low' })).toBe(0x12);
  });

  it('round-trips every state through the bytes', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const bytes = statusBytes(state);
        for (const n of [1, 2, 3, 4] as StatusRequest[])
          expect(isValidStatusByte(bytes[n])).toBe(true);
        const printer = parseStatusByte(1, bytes[1]);
        const cause = parseStatusByte(2, bytes[2]);
        const errors = parseStatusByte(3, bytes[3]);
        const paper = parseStatusByte(4, bytes[4]);
        if (printer.kind === 'invalid' || cause.kind === 'invalid' || paper.kind === 'invalid')
          throw new Error('invalid byte');
        if (errors.kind === 'invalid') throw new Error('invalid byte');
        expect(printer.drawerPin3High).toBe(state.drawerOpen);
        expect(cause.coverOpen).toBe(state.coverOpen);
        expect(cause.feedButton).toBe(state.feedButton);
        expect(cause.error).toBe(state.error !== null);
        expect(errors.autocutterError).toBe(state.error === 'autocutter');
        expect(paper.paperEnd ? 'out' : paper.nearEnd ? 'near-end' : 'ok').toBe(state.paper);
        const stopped =
          state.coverOpen || state.paper === 'out' || state.error !== null || state.feedButton;
        expect(printer.offline).toBe(stopped);
      }),
    );
  });

  it('names why a printer is not ready', () => {
    const answers = (state: PrinterState) => {
      const bytes = statusBytes(state);
      const printer = parseStatusByte(1, bytes[1]);
      const offlineCause = parseStatusByte(2, bytes[2]);
      const paper = parseStatusByte(4, bytes[4]);
      if (printer.kind === 'invalid' || offlineCause.kind === 'invalid' || paper.kind === 'invalid')
        throw new Error('invalid byte');
      return notReadyCondition({ printer, offlineCause, paper });
    };
    expect(answers(idle)).toBeNull();
    expect(answers({ ...idle, paper: 'near-end' })).toBeNull();
    expect(answers({ ...idle, paper: 'out', coverOpen: true })).toBe('paper-out');
    expect(answers({ ...idle, coverOpen: true })).toBe('cover-open');
    expect(answers({ ...idle, error: 'autocutter' })).toBe('error');
    expect(answers({ ...idle, feedButton: true })).toBe('offline');
  });
});
