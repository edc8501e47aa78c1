/** An on-screen PIN pad (touch), that also takes the keyboard's digits. */
import { For } from 'solid-js';
import { t } from '../i18n/i18n.ts';

const MAX_PIN = 8;

export function PinPad(props: {
  value: string;
  onInput: (value: string) => void;
  onSubmit: () => void;
  submitLabel: string;
  disabled?: boolean;
  name?: string;
}) {
  const press = (digit: string) => {
    if (props.value.length < MAX_PIN) props.onInput(props.value + digit);
  };
  return (
    <div class="pinpad">
      <input
        name={props.name ?? 'pin'}
        type="password"
        inputmode="numeric"
        autocomplete="off"
        maxLength={MAX_PIN}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value.replace(/\D/g, ''))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (!props.disabled) props.onSubmit();
          }
        }}
      />
      <div class="keys">
        <For each={['1', '2', '3', '4', '5', '6', '7', '8', '9']}>
          {(digit) => (
            <button type="button" tabIndex={-1} onClick={() => press(digit)}>
              {digit}
            </button>
          )}
        </For>
        <button type="button" tabIndex={-1} onClick={() => props.onInput('')}>
          {t('pinpad.clear')}
        </button>
        <button type="button" tabIndex={-1} onClick={() => press('0')}>
          0
        </button>
        <button type="button" tabIndex={-1} onClick={() => props.onInput(props.value.slice(0, -1))}>
          {t('pinpad.back')}
        </button>
      </div>
      <button
        type="button"
        class="primary"
        disabled={props.disabled || props.value.length < 4}
        onClick={() => props.onSubmit()}
      >
        {props.submitLabel}
      </button>
    </div>
  );
}
