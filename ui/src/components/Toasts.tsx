/**
 * Messages that float over the screen instead of pushing its layout: errors
 * stay until dismissed (or replaced by the next), confirmations fade after a
 * few seconds. Screen readers hear both (alert and status roles).
 */
import { createSignal, For } from 'solid-js';
import { t } from '../i18n/i18n.ts';

export type ToastKind = 'error' | 'success' | 'info';
interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

const SUCCESS_MS = 4_000;
const MAX_TOASTS = 4;
const [toasts, setToasts] = createSignal<Toast[]>([]);
let nextId = 1;

export function dismiss(id: number): void {
  setToasts((list) => list.filter((toast) => toast.id !== id));
}

export function toast(kind: ToastKind, text: string): void {
  const id = nextId++;
  // one error at a time: the newest says what is wrong now
  setToasts((list) =>
    [...list.filter((x) => kind !== 'error' || x.kind !== 'error'), { id, kind, text }].slice(
      -MAX_TOASTS,
    ),
  );
  if (kind !== 'error') setTimeout(() => dismiss(id), SUCCESS_MS);
}

/** Errors shown so far are gone once the user acts again successfully. */
export const clearErrors = (): void =>
  void setToasts((list) => list.filter((x) => x.kind !== 'error'));

export function Toasts() {
  return (
    <div class="toasts">
      <For each={toasts()}>
        {(item) => (
          <div class={`toast ${item.kind}`} role={item.kind === 'error' ? 'alert' : 'status'}>
            <span>{item.text}</span>
            <button
              type="button"
              class="icon"
              aria-label={t('toast.dismiss')}
              onClick={() => dismiss(item.id)}
            >
              ×
            </button>
          </div>
        )}
      </For>
    </div>
  );
}
