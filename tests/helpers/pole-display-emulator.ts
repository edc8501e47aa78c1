/**
 * A 2x20 pole display for tests: it reads the Epson (ESC/POS for displays) or
 * CD5220 commands a till sends and keeps what the customer would read, screen
 * by screen. Independent of the driver: it decodes text with its own table.
 */
import { decodeByte, epsonCodepageNumber } from '../../devices/escpos/codepages.ts';

const ESC = 0x1b;
const US = 0x1f;
const CR = 0x0d;
const CLR = 0x0c;

export class PoleDisplayEmulator {
  /** Every state of the two lines, after each complete command that changed them. */
  readonly screens: Array<[string, string]> = [];
  private rows: [string[], string[]] = [blank(), blank()];
  private x = 0;
  private y = 0;
  private page: number;
  private pending: number[] = [];
  /** CD5220's ESC Q A/B: text up to CR goes to one line. */
  private stringLine: 0 | 1 | undefined;

  constructor(
    readonly commandSet: 'epson' | 'cd5220',
    codepage = 'cp437',
  ) {
    this.page = epsonCodepageNumber(codepage) ?? 0;
  }

  get lines(): [string, string] {
    return [this.rows[0].join('').trimEnd(), this.rows[1].join('').trimEnd()];
  }

  write(bytes: Uint8Array): void {
    this.pending.push(...bytes);
    for (;;) {
      const used = this.step(this.pending);
      if (used === 0) return;
      this.pending.splice(0, used);
    }
  }

  /** Interprets one command or character; 0 when more bytes are needed. */
  private step(b: number[]): number {
    if (b.length === 0) return 0;
    const [c, n1, n2, n3] = b;
    if (this.stringLine !== undefined) {
      if (c === CR) {
        this.stringLine = undefined;
        this.changed();
      } else this.put(c!);
      return 1;
    }
    if (c === ESC) {
      if (n1 === undefined) return 0;
      if (n1 === 0x40) return (this.reset(), 2); // ESC @
      if (n1 === 0x74) return n2 === undefined ? 0 : ((this.page = n2), 3); // ESC t n
      if (n1 === 0x51) {
        if (n2 === undefined) return 0; // ESC Q A|B ... CR
        this.stringLine = n2 === 0x42 ? 1 : 0;
        this.rows[this.stringLine] = blank();
        [this.x, this.y] = [0, this.stringLine];
        return 3;
      }
      throw new Error(`unknown ESC ${n1.toString(16)}`);
    }
    if (c === US) {
      if (n1 === undefined) return 0;
      if (n1 === 0x01) return 2; // overwrite mode
      if (n1 === 0x24) {
        if (n3 === undefined) return 0; // US $ x y
        [this.x, this.y] = [n2! - 1, n3 - 1];
        return 4;
      }
      throw new Error(`unknown US ${n1.toString(16)}`);
    }
    if (c === CLR) {
      this.rows = [blank(), blank()];
      [this.x, this.y] = [0, 0];
      this.changed();
      return 1;
    }
    this.put(c!);
    if (this.x === 20 && this.y === 1) this.changed();
    return 1;
  }

  private put(byte: number): void {
    if (this.x < 20) this.rows[this.y as 0 | 1][this.x] = decodeByte(this.page, byte);
    this.x++;
  }

  private reset(): void {
    this.rows = [blank(), blank()];
    [this.x, this.y, this.page] = [0, 0, 0];
  }

  private changed(): void {
    const now = this.lines;
    const last = this.screens.at(-1);
    if (!last || last[0] !== now[0] || last[1] !== now[1]) this.screens.push(now);
  }
}

const blank = () => Array.from({ length: 20 }, () => ' ');
