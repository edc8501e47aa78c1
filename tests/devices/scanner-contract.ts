/** The BarcodeScanner contract: serial scanners (each suffix) and the simulated one. */
import { describe, expect, it } from 'vitest';
import type { BarcodeScanner } from '../../devices/scanner/barcode-scanner.ts';
import { MAX_CODE_BYTES } from '../../devices/scanner/line-scanner.ts';
import { waitFor } from '../helpers/wait-for.ts';

export interface ScannerHarness {
  scanner: BarcodeScanner;
  /** What the scanner hardware sends: raw bytes, suffix included where the test puts it. */
  send(bytes: string): Promise<void>;
  /** The scanner's suffix, as it would send it. */
  suffix: string;
  unplug?(): Promise<void>;
  plug?(): Promise<void>;
  cleanup(): Promise<void>;
}

export function runScannerContract(
  name: string,
  setup: () => Promise<ScannerHarness>,
  { pluggable }: { pluggable: boolean },
): void {
  describe(`BarcodeScanner contract: ${name}`, () => {
    const withScanner = (fn: (h: ScannerHarness, codes: string[]) => Promise<void>) => async () => {
      const h = await setup();
      const codes: string[] = [];
      const off = h.scanner.onScan((c) => codes.push(c));
      try {
        await h.scanner.start();
        await h.scanner.start();
        await waitFor(() => h.scanner.status().state === 'ready', { what: 'scanner ready' });
        await fn(h, codes);
      } finally {
        off();
        await h.scanner.stop();
        await h.scanner.stop();
        await h.cleanup();
      }
    };

    it(
      'delivers each code once, without its suffix, however the bytes are split',
      withScanner(async (h, codes) => {
        await h.send(`4006381333931${h.suffix}]E0036000291452`);
        await h.send(`${h.suffix}${h.suffix}T1-20261201-0042${h.suffix}`);
        await waitFor(() => codes.length === 3, { what: 'three codes' });
        expect(codes).toEqual(['4006381333931', ']E0036000291452', 'T1-20261201-0042']);
        expect(h.scanner.status().lastUsed).not.toBeNull();
      }),
    );

    it(
      'drops a run of bytes with no suffix and says to check the suffix, then reads on',
      withScanner(async (h, codes) => {
        // a simulated scanner hands on whole lines only: the suffix comes after the flood
        await h.send('9'.repeat(MAX_CODE_BYTES + 10));
        await h.send(h.suffix);
        await waitFor(() => h.scanner.status().state === 'error', { what: 'error state' });
        expect(h.scanner.status().reason).toMatch(/suffix/);
        await h.send(`96385074${h.suffix}`);
        await waitFor(() => codes.includes('96385074'), { what: 'the next code' });
        expect(codes.every((c) => c.length <= MAX_CODE_BYTES)).toBe(true);
        expect(h.scanner.status().state).toBe('ready');
      }),
    );

    if (pluggable)
      it(
        'is unplugged and plugged back without a restart',
        withScanner(async (h, codes) => {
          await h.unplug!();
          await waitFor(() => h.scanner.status().state === 'offline', { what: 'offline' });
          await h.plug!();
          await waitFor(() => h.scanner.status().state === 'ready', {
            what: 'ready again',
            timeoutMs: 15_000,
          });
          await h.send(`04252614${h.suffix}`);
          await waitFor(() => codes.includes('04252614'), { what: 'a code after the replug' });
        }),
      );
  });
}
