/**
 * ESC t n code page numbers as Epson printers count them, and the byte tables
 * to turn printed bytes back into Unicode. The tables come from
 * @point-of-sale/codepage-encoder, the library the receipt encoder encodes
 * with, so decoding is the exact inverse of what we send.
 */
import CodepageEncoder from '@point-of-sale/codepage-encoder';
import type { Codepage } from '@point-of-sale/codepage-encoder';

/**
 * ESC t n → code page, as receipt-printer-encoder 4.0.1 maps them for
 * `codepageMapping: 'epson'` (its codepageMappings['esc-pos'].epson, copied
 * here because the library does not export it). Numbers without an entry are
 * pages the library cannot encode (Kanji, user-defined pages and the like).
 */
export const EPSON_CODEPAGES: ReadonlyMap<number, Codepage> = new Map<number, Codepage>([
  [0, 'cp437'],
  [1, 'epson/katakana'],
  [2, 'cp850'],
  [3, 'cp860'],
  [4, 'cp863'],
  [5, 'cp865'],
  [11, 'cp851'],
  [12, 'cp853'],
  [13, 'cp857'],
  [14, 'cp737'],
  [15, 'iso8859-7'],
  [16, 'windows1252'],
  [17, 'cp866'],
  [18, 'cp852'],
  [19, 'cp858'],
  [20, 'thai42'],
  [21, 'thai11'],
  [26, 'thai13'],
  [30, 'tcvn3'],
  [31, 'tcvn3capitals'],
  [32, 'cp720'],
  [33, 'cp775'],
  [34, 'cp855'],
  [35, 'cp861'],
  [36, 'cp862'],
  [37, 'cp864'],
  [38, 'cp869'],
  [39, 'epson/iso8859-2'],
  [40, 'iso8859-15'],
  [41, 'cp1098'],
  [42, 'cp774'],
  [43, 'cp772'],
  [44, 'cp1125'],
  [45, 'windows1250'],
  [46, 'windows1251'],
  [47, 'windows1253'],
  [48, 'windows1254'],
  [49, 'windows1255'],
  [50, 'windows1256'],
  [51, 'windows1257'],
  [52, 'windows1258'],
  [53, 'rk1048'],
]);

const NUMBERS = new Map<string, number>([...EPSON_CODEPAGES].map(([n, name]) => [name, n]));

/** The ESC t number of a code page name ('cp858' → 19), or undefined when Epson has none. */
export function epsonCodepageNumber(name: string): number | undefined {
  return NUMBERS.get(name);
}

/** The page a printer selects after ESC @ (and at power on). */
export const DEFAULT_CODEPAGE = 0;

const REPLACEMENT = '\uFFFD';

/** 256 strings, one per byte value; a number with no known page decodes to U+FFFD above 0x7F. */
export type ByteTable = readonly string[];

const tables = new Map<number, ByteTable>();

function unknownPage(): ByteTable {
  // ASCII survives on every page a printer has; the upper half is anyone's guess.
  return Array.from({ length: 256 }, (_, b) => (b < 0x80 ? String.fromCharCode(b) : REPLACEMENT));
}

function buildTable(name: Codepage): ByteTable {
  // getEncoding resolves the library's aliases and fills a page from the one it extends.
  const { codepoints } = CodepageEncoder.getEncoding(name);
  return Array.from({ length: 256 }, (_, b) => {
    const cp = codepoints[b];
    return typeof cp === 'number' && cp >= 0 && cp <= 0x10ffff
      ? String.fromCodePoint(cp)
      : REPLACEMENT;
  });
}

/** The byte table for an ESC t number, built once per page (the library's tables are large). */
export function codepageTable(n: number): ByteTable {
  let table = tables.get(n);
  if (!table) {
    const name = EPSON_CODEPAGES.get(n);
    table = name && CodepageEncoder.supports(name) ? buildTable(name) : unknownPage();
    tables.set(n, table);
  }
  return table;
}

/** One printed byte as Unicode, through the page selected with ESC t n. */
export function decodeByte(n: number, byte: number): string {
  return codepageTable(n)[byte & 0xff] ?? REPLACEMENT;
}

/** A run of printed bytes, all in one page. */
export function decodeBytes(n: number, bytes: Uint8Array): string {
  const table = codepageTable(n);
  let text = '';
  for (const byte of bytes) text += table[byte] ?? REPLACEMENT;
  return text;
}
