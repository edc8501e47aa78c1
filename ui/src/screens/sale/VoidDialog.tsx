/** Voiding a cart: a reason picked or typed, and a confirmation (a manager approves when it has lines). */
import { createSignal, For } from 'solid-js';
import { Modal, ModalActions } from '../../components/Modal.tsx';
import { t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/i18n.ts';

const REASONS: MessageKey[] = ['sale.void.changedMind', 'sale.void.mistake', 'sale.void.test'];

export function VoidDialog(props: { onVoid: (reason: string) => void; onClose: () => void }) {
  const [reason, setReason] = createSignal(t(REASONS[0]!));
  const confirm = () => reason().trim() && props.onVoid(reason().trim());
  return (
    <Modal title={t('sale.void.title')} onClose={props.onClose} onConfirm={confirm}>
      <p>{t('sale.void.why')}</p>
      <div class="reasons" role="radiogroup">
        <For each={REASONS}>
          {(key) => (
            <button
              type="button"
              role="radio"
              aria-checked={reason() === t(key)}
              classList={{ chosen: reason() === t(key) }}
              onClick={() => setReason(t(key))}
            >
              {t(key)}
            </button>
          )}
        </For>
      </div>
      <label>
        {t('sale.void.reason')}
        <input
          name="void-reason"
          value={reason()}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </label>
      <ModalActions
        confirm={t('sale.void.confirm')}
        danger
        disabled={!reason().trim()}
        onConfirm={confirm}
        onCancel={props.onClose}
      />
    </Modal>
  );
}
