/**
 * The bytes that put two lines on a pole display, in the two command sets such
 * displays speak: Epson's ESC/POS for displays (DM-D series and clones) and
 * CD5220. Text is encoded in the display's code page; a character it lacks
 * shows as "?".
 */
import CodepageEncoder from '@point-of-sale/codepage-encoder';
import type { Codepage } from '@point-of-sale/codepage-encoder';
import { epsonCodepageNumber } from '../escpos/codepages.ts';
import type { DisplayScreen } from '../../crdt/status.ts';
import { DISPLAY_COLUMNS } from './display-screen.ts';

export type DisplayCommandSet = 'epson' | 'cd5220';

const ESC = 0x1b;
const US = 0x1f;
const CR = 0x0d;
const CLR = 0x0c;

function encodeLine(text: string, codepage: string): number[] {
  const fitted = text.slice(0, DISPLAY_COLUMNS).padEnd(DISPLAY_COLUMNS, ' ');
  return [...CodepageEncoder.encode(fitted, codepage as Codepage)];
}

/** Sent once per connection: reset, code page, clear. */
export function displayInit(set: DisplayCommandSet, codepage: string): Uint8Array {
  if (set === 'cd5220') return Uint8Array.from([ESC, 0x40, CLR]);
  const table = epsonCodepageNumber(codepage);
  return Uint8Array.from([
    ESC,
    0x40,
    ...(table === undefined ? [] : [ESC, 0x74, table]),
    US,
    0x01, // overwrite mode: text stays where it is put
    CLR,
  ]);
}

export function displayScreenBytes(
  set: DisplayCommandSet,
  codepage: string,
  screen: DisplayScreen,
): Uint8Array {
  const [upper, lower] = screen.lines.map((l) => encodeLine(l, codepage)) as [number[], number[]];
  if (set === 'cd5220')
    return Uint8Array.from([ESC, 0x51, 0x41, ...upper, CR, ESC, 0x51, 0x42, ...lower, CR]);
  // US $ x y moves the cursor to column x, row y (1-based)
  return Uint8Array.from([US, 0x24, 1, 1, ...upper, US, 0x24, 1, 2, ...lower]);
}
