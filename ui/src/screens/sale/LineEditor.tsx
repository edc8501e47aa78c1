/**
 * The selected line, edited on the numpad in one of three modes: quantity,
 * discount (percent) or unit price. Typing replaces the value; Enter or OK
 * sends it. A quantity of 0 removes the line, after a confirmation.
 */
import { createEffect, createSignal, For, on } from 'solid-js';
import type { Line } from '../../../../crdt/schema.ts';
import { Numpad, typeKey } from '../../components/Numpad.tsx';
import { t, typedAmount } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { toast } from '../../components/Toasts.tsx';
import { describeError } from '../../lib/errors.ts';
import type { LineEdit } from './cart-store.ts';
import type { EditMode } from './line-edit.ts';
import { lineEdit } from './line-edit.ts';

const MODES: Array<{ mode: EditMode; label: MessageKey }> = [
  { mode: 'qty', label: 'sale.mode.qty' },
  { mode: 'disc', label: 'sale.mode.disc' },
  { mode: 'price', label: 'sale.mode.price' },
];

export function LineEditor(props: {
  line: Line;
  onEdit: (edit: LineEdit) => void;
  onRemove: () => void;
}) {
  const [mode, setMode] = createSignal<EditMode>('qty');
  const [text, setText] = createSignal('');
  // a new line or mode starts from an empty entry, as on a till's keypad
  createEffect(on([() => props.line.id, mode], () => setText('')));
  const apply = () => {
    if (!text()) return;
    try {
      const edit = lineEdit(mode(), text(), typedAmount);
      setText('');
      if (edit.qty === 0) props.onRemove();
      else props.onEdit(edit);
    } catch (error) {
      toast('error', describeError(error)); // typed text that is no quantity, percent or price
    }
  };
  return (
    <div class="line-editor" aria-label={t('sale.editLine', { name: props.line.name })}>
      <div class="modes" role="radiogroup">
        <For each={MODES}>
          {(m) => (
            <button
              type="button"
              role="radio"
              aria-checked={mode() === m.mode}
              classList={{ chosen: mode() === m.mode }}
              onClick={() => setMode(m.mode)}
            >
              {t(m.label)}
            </button>
          )}
        </For>
      </div>
      <input
        name="line-entry"
        inputmode="decimal"
        aria-label={t(MODES.find((m) => m.mode === mode())!.label)}
        value={text()}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          }
        }}
      />
      <Numpad onKey={(key) => setText((v) => typeKey(v, key))} />
      <div class="editor-actions">
        <button type="button" class="primary" disabled={!text()} onClick={() => apply()}>
          {t('dialog.ok')}
        </button>
        <button type="button" onClick={() => props.onEdit({ price: null, discountBp: 0 })}>
          {t('sale.resetLine')}
        </button>
        <button type="button" class="danger" onClick={props.onRemove}>
          {t('sale.removeLine')}
        </button>
      </div>
    </div>
  );
}
