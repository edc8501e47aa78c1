/** The payment lines: one per method used, the chosen one edited on the numpad, each removable. */
import { For } from 'solid-js';
import { money, t, typedAmount } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import type { PaymentLine } from './payment-lines.ts';

export const METHOD_LABEL: Record<PaymentLine['method'], MessageKey> = {
  cash: 'pay.method.cash',
  card: 'pay.method.card',
  other: 'pay.method.other',
};

const shown = (text: string) => {
  try {
    return money(typedAmount(text));
  } catch {
    return text;
  }
};

export function PaymentLinesView(props: {
  lines: PaymentLine[];
  selected: number;
  onSelect: (index: number) => void;
  onRemove: (index: number) => void;
}) {
  return (
    <ul class="payment-lines" aria-label={t('pay.lines')}>
      <For each={props.lines} fallback={<li class="hint">{t('pay.pickMethod')}</li>}>
        {(line, i) => (
          <li classList={{ selected: i() === props.selected }}>
            <button
              type="button"
              class="payment-line"
              aria-pressed={i() === props.selected}
              onClick={() => props.onSelect(i())}
            >
              <span>{t(METHOD_LABEL[line.method])}</span>
              <strong>{line.text ? shown(line.text) : '—'}</strong>
            </button>
            <button
              type="button"
              class="icon"
              aria-label={t('pay.removeLine', { method: t(METHOD_LABEL[line.method]) })}
              onClick={() => props.onRemove(i())}
            >
              ×
            </button>
          </li>
        )}
      </For>
    </ul>
  );
}
