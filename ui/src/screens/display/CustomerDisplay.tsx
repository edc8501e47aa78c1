/**
 * /display: the customer display on a second monitor facing the customer. It
 * shows what the pole display shows, live, and needs no sign-in: the customer
 * sees only what the till already shows them.
 */
import { createSignal, onCleanup, Show } from 'solid-js';
import type { DisplayScreen } from '../../../../crdt/status.ts';
import { t } from '../../i18n/i18n.ts';

export function CustomerDisplay() {
  const [screen, setScreen] = createSignal<DisplayScreen>();
  const [connected, setConnected] = createSignal(false);
  const source = new EventSource('/api/display/stream');
  source.onopen = () => setConnected(true);
  source.onerror = () => setConnected(false);
  source.onmessage = (message: MessageEvent<string>) =>
    setScreen(JSON.parse(message.data) as DisplayScreen);
  onCleanup(() => source.close());
  return (
    <main class={`customer-display ${screen()?.kind ?? 'welcome'}`}>
      <Show
        when={screen()}
        fallback={<p class="line">{t(connected() ? 'display.welcome' : 'display.connecting')}</p>}
      >
        {(s) => (
          <>
            <p class="line">{s().lines[0]}</p>
            <p class="line">{s().lines[1]}</p>
          </>
        )}
      </Show>
    </main>
  );
}
