/** The CustomerDisplay contract: pole displays over serial (both command sets), the file and the browser display. */
import { describe, expect, it } from 'vitest';
import type { CustomerDisplay } from '../../devices/display/customer-display.ts';
import type { DisplayScreen } from '../../crdt/status.ts';
import { waitFor } from '../helpers/wait-for.ts';

export interface DisplayHarness {
  display: CustomerDisplay;
  /** Every screen the customer saw, in order. */
  seen(): Array<[string, string]>;
  /** A display that can be unplugged and plugged back. */
  unplug?(): Promise<void>;
  plug?(): Promise<void>;
  cleanup(): Promise<void>;
}

const screen = (a: string, b: string): DisplayScreen => ({ kind: 'item', lines: [a, b] });

export function runDisplayContract(
  name: string,
  setup: () => Promise<DisplayHarness>,
  { pluggable }: { pluggable: boolean },
): void {
  describe(`CustomerDisplay contract: ${name}`, () => {
    const withDisplay = (fn: (h: DisplayHarness) => Promise<void>) => async () => {
      const h = await setup();
      try {
        await h.display.start();
        await h.display.start();
        await fn(h);
      } finally {
        await h.display.stop();
        await h.display.stop();
        await h.cleanup();
      }
    };
    const last = (h: DisplayHarness) => h.seen().at(-1);

    it(
      'shows each screen, in order, accents included',
      withDisplay(async (h) => {
        await h.display.show(screen('2x Café au lait 5.00', 'Total          12.40'));
        await h.display.show(screen('Paid           20.00', 'Change          7.60'));
        await waitFor(() => last(h)?.[0] === 'Paid           20.00', { what: 'the second screen' });
        const shown = [
          ['2x Café au lait 5.00', 'Total          12.40'],
          ['Paid           20.00', 'Change          7.60'],
        ];
        // a display may draw one line before the other: the whole screens come in order
        const whole = h.seen().filter((s) => shown.some((w) => w[0] === s[0] && w[1] === s[1]));
        expect(whole).toEqual(shown);
        expect(h.display.current()?.lines[1]).toBe('Change          7.60');
        expect(h.display.status().state).toBe('ready');
      }),
    );

    if (pluggable)
      it(
        'never throws when the display is away, and shows the latest screen once it is back',
        withDisplay(async (h) => {
          await h.unplug!();
          await waitFor(() => h.display.status().state === 'offline', { what: 'offline state' });
          expect(h.display.status().reason).toBeTruthy();
          await h.display.show(screen('While away', 'Total           1.00'));
          await h.plug!();
          await waitFor(() => last(h)?.[0] === 'While away', {
            what: 'the screen after replug',
            timeoutMs: 15_000,
          });
          await waitFor(() => h.display.status().state === 'ready', { what: 'ready again' });
        }),
      );
  });
}
