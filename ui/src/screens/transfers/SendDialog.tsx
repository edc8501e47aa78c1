/**
 * Sending the open cart to another till: assigned (to one chosen till) or
 * broadcast (to the chosen tills, or every receiver; the first to accept takes
 * it). The receivers come from the live settings, each said to be in reach or
 * not. On success a green confirmation, and the caller clears the cart at once.
 */
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import type { Order } from '../../../../crdt/schema.ts';
import type { TransferState } from '../../../../crdt/transfers.ts';
import { useSession } from '../../app/session.tsx';
import { Modal, ModalActions } from '../../components/Modal.tsx';
import { toast } from '../../components/Toasts.tsx';
import { plural, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';
import { inReach, receivingTills, refOf } from './transfer-data.ts';
import './transfers.css';

export interface SendDialogProps {
  cart: Order;
  onClose: () => void;
  /** The cart left this till: clear it from the screen. */
  onSent: (cartId: string) => void;
  /** Offer only these tills (default: every receiving till in the settings). */
  tills?: string[];
}

type Mode = 'assigned' | 'broadcast';

export function SendDialog(props: SendDialogProps) {
  const session = useSession();
  const [mode, setMode] = createSignal<Mode>('assigned');
  const [chosen, setChosen] = createSignal<string[]>([]);
  const [every, setEvery] = createSignal(false);
  // the settings document changed (a till added, a role switched): read the settings again
  createEffect(on(session.settingsDoc.version, session.refetchSettings, { defer: true }));
  const receivers = () =>
    receivingTills(session).filter((till) => !props.tills || props.tills.includes(till.code));
  const enabled = () => session.settings()?.mesh.transfersEnabled ?? false;

  const pick = (code: string) => {
    setEvery(false);
    if (mode() === 'assigned') setChosen([code]);
    else
      setChosen((list) => (list.includes(code) ? list.filter((c) => c !== code) : [...list, code]));
  };
  const switchMode = (next: Mode) => {
    setMode(next);
    setEvery(false);
    if (next === 'assigned') setChosen((list) => list.slice(0, 1));
  };
  const ready = () => enabled() && (every() || chosen().length > 0);
  const label = () =>
    mode() === 'assigned'
      ? chosen().length
        ? t('send.to', { till: chosen()[0]! })
        : t('send.choose')
      : every()
        ? t('send.toEvery')
        : chosen().length
          ? plural('send.toChosen', chosen().length, { till: chosen()[0]! })
          : t('send.choose');

  const send = () => {
    if (!ready()) return;
    const targets = every() ? null : chosen();
    void run(t('send.sending'), async () => {
      const state = await api<TransferState>('POST', `/api/carts/${props.cart.id}/send`, {
        mode: mode(),
        targets,
      });
      toast(
        'success',
        targets
          ? t('send.sent', { targets: targets.join(', '), ref: refOf(state) })
          : t('send.sentEvery', { ref: refOf(state) }),
      );
      props.onSent(props.cart.id);
    });
  };

  return (
    <Modal title={t('send.title')} onClose={props.onClose} onConfirm={send} class="send-dialog">
      <Show when={enabled()} fallback={<p class="hint">{t('send.disabled')}</p>}>
        <div class="segmented" role="group" aria-label={t('send.mode')}>
          <For each={['assigned', 'broadcast'] as const}>
            {(m) => (
              <button type="button" aria-pressed={mode() === m} onClick={() => switchMode(m)}>
                {t(`send.mode.${m}`)}
              </button>
            )}
          </For>
        </div>
        <p class="hint">
          {t(mode() === 'assigned' ? 'send.mode.assignedHint' : 'send.mode.broadcastHint')}
        </p>
        <Show when={receivers().length > 0} fallback={<p class="hint">{t('send.noReceivers')}</p>}>
          <div class="till-choice" role="group" aria-label={t('send.targets')}>
            <For each={receivers()}>
              {(till) => (
                <button
                  type="button"
                  aria-pressed={!every() && chosen().includes(till.code)}
                  onClick={() => pick(till.code)}
                >
                  <strong>{till.code}</strong> {till.name}
                  <small classList={{ up: inReach(session, till.code) }}>
                    {t(
                      inReach(session, till.code) ? 'transfer.tillOnline' : 'transfer.tillOffline',
                    )}
                  </small>
                </button>
              )}
            </For>
            <Show when={mode() === 'broadcast'}>
              <button type="button" aria-pressed={every()} onClick={() => setEvery((v) => !v)}>
                {t('send.everyReceiver')}
              </button>
            </Show>
          </div>
        </Show>
      </Show>
      <ModalActions
        confirm={label()}
        disabled={!ready()}
        onConfirm={send}
        onCancel={props.onClose}
      />
    </Modal>
  );
}
