/**
 * A keyboard-wedge barcode scanner types fast and ends with Enter. Keys are read
 * from their codes (Digit0..9, KeyA..Z), not the characters, so a scanner set
 * to a US layout still reads right on an AZERTY or QWERTZ till.
 */
export const SCAN_GAP_MS = 50;

const fromCode = (code: string): string | undefined => {
  if (/^Digit\d$/.test(code) || /^Numpad\d$/.test(code)) return code.at(-1);
  if (/^Key[A-Z]$/.test(code)) return code.at(-1);
  if (code === 'Minus' || code === 'NumpadSubtract') return '-';
  return undefined;
};

export function listenForScans(onScan: (code: string) => void): () => void {
  let buffer = '';
  let last = 0;
  const handler = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (target && ['INPUT', 'TEXTAREA'].includes(target.tagName)) return; // typing in a field
    const now = performance.now();
    if (now - last > SCAN_GAP_MS) buffer = '';
    last = now;
    if (event.code === 'Enter' || event.code === 'NumpadEnter') {
      if (buffer.length >= 4) onScan(buffer);
      buffer = '';
      return;
    }
    const char = fromCode(event.code);
    if (char) buffer += char;
  };
  window.addEventListener('keydown', handler);
  return () => window.removeEventListener('keydown', handler);
}
