/** The numpad of the cart and the payment screen: digits, a decimal point and delete. */
import { For } from 'solid-js';
import { t } from '../i18n/i18n.ts';

export type NumpadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '.' | 'back';

/** The typed text after one key (the one rule shared by every numpad on screen). */
export function typeKey(text: string, key: NumpadKey): string {
  if (key === 'back') return text.slice(0, -1);
  if (key === '.' && text.includes('.')) return text;
  return text + key;
}

export function Numpad(props: { onKey: (key: NumpadKey) => void }) {
  const keys: NumpadKey[] = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '.', '0', 'back'];
  return (
    <div class="numpad">
      <For each={keys}>
        {(key) => (
          <button
            type="button"
            aria-label={key === 'back' ? t('pinpad.back') : key}
            onClick={() => props.onKey(key)}
          >
            {key === 'back' ? '⌫' : key}
          </button>
        )}
      </For>
    </div>
  );
}
