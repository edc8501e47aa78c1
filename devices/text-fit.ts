/**
 * Fitting text to a fixed number of columns, for receipts (32 or 48) and pole
 * displays (20): words are never cut unless one word alone is wider than the
 * line, and amounts are right-aligned. Receipt fonts and displays are
 * monospaced, one column per character.
 */

/** Letters, digits and punctuation only: control characters would be commands to a device. */
export const printable = (text: string): string =>
  text
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** As many whole words as fit; a single word wider than the line is cut. */
export function fitWords(text: string, width: number): string {
  const clean = printable(text);
  if (clean.length <= width) return clean;
  let out = '';
  for (const word of clean.split(' ')) {
    const next = out ? `${out} ${word}` : word;
    if (next.length > width) break;
    out = next;
  }
  return out || clean.slice(0, width);
}

/** Wraps at word boundaries into lines of at most `width`; long words are split. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (let word of printable(text).split(' ')) {
    if (!word) continue;
    while (word.length > width) {
      if (current) lines.push(current);
      current = '';
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    const next = current ? `${current} ${word}` : word;
    if (next.length > width) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current) lines.push(current);
  return lines;
}

/** `left` and `right` on one line of `width`, right flush; `left` gives way to `right`. */
export function row(left: string, right: string, width: number): string {
  const r = printable(right).slice(0, width);
  const room = width - r.length - (r ? 1 : 0);
  // a leading indent (a line's detail under its name) is kept
  const indent = /^ */.exec(left)?.[0].slice(0, Math.max(room, 0)) ?? '';
  const l = room > indent.length ? indent + fitWords(left, room - indent.length) : indent;
  return `${l}${' '.repeat(Math.max(width - l.length - r.length, 0))}${r}`.trimEnd();
}

export function center(text: string, width: number): string {
  const t = fitWords(text, width);
  return `${' '.repeat(Math.floor((width - t.length) / 2))}${t}`;
}

export function right(text: string, width: number): string {
  const t = fitWords(text, width);
  return `${' '.repeat(width - t.length)}${t}`;
}
