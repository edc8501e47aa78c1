/**
 * Cash in or out of the drawer with a reason picked from a list (or typed):
 * a paid-out above the threshold asks a manager's PIN on the spot.
 */
import { createSignal, For, Show } from 'solid-js';
import type { CashMove } from '../../../../crdt/schema.ts';
import { Modal, ModalActions } from '../../components/Modal.tsx';
import { toast } from '../../components/Toasts.tsx';
import { money, t, typedAmount } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { withApproval } from '../../lib/approval.ts';
import { run } from '../../lib/run.ts';
import { CASH_IN_REASONS, CASH_OUT_REASONS } from './format.ts';

export type CashDirection = 'in' | 'out';

export function CashDialog(props: {
  direction: CashDirection;
  onDone: () => void;
  onClose: () => void;
}) {
  const reasons = () => (props.direction === 'in' ? CASH_IN_REASONS : CASH_OUT_REASONS);
  const [amount, setAmount] = createSignal('');
  const [picked, setPicked] = createSignal<string>(t(reasons()[0]!));
  const [other, setOther] = createSignal('');
  const OTHER = '';
  const reason = () => (picked() === OTHER ? other().trim() : picked());
  const parsed = () => {
    try {
      const minor = typedAmount(amount());
      return minor > 0 ? minor : undefined;
    } catch {
      return undefined;
    }
  };
  const submit = async () => {
    const minor = parsed();
    if (minor === undefined) return toast('error', t('error.INVALID_AMOUNT'));
    if (!reason()) return toast('error', t('cash.reasonNeeded'));
    const signedAmount = props.direction === 'in' ? minor : -minor;
    const move = await run(t('cash.working'), () =>
      withApproval((approval) =>
        api<CashMove>('POST', '/api/day/cash', {
          amount: signedAmount,
          reason: reason(),
          approval,
        }),
      ),
    );
    if (!move) return;
    toast(
      'success',
      t(props.direction === 'in' ? 'cash.doneIn' : 'cash.doneOut', { amount: money(minor) }),
    );
    props.onDone();
  };
  return (
    <Modal
      title={t(props.direction === 'in' ? 'cash.in' : 'cash.out')}
      onClose={props.onClose}
      onConfirm={() => void submit()}
      class="cash-dialog"
    >
      <label>
        {t('cash.amount')}
        <input
          name="cash-amount"
          inputmode="decimal"
          autocomplete="off"
          value={amount()}
          onInput={(e) => setAmount(e.currentTarget.value)}
        />
      </label>
      <fieldset class="reasons">
        <legend>{t('cash.reason')}</legend>
        <For each={reasons()}>
          {(key) => (
            <label class="choice">
              <input
                type="radio"
                name="reason"
                checked={picked() === t(key)}
                onChange={() => setPicked(t(key))}
              />
              {t(key)}
            </label>
          )}
        </For>
        <label class="choice">
          <input
            type="radio"
            name="reason"
            checked={picked() === OTHER}
            onChange={() => setPicked(OTHER)}
          />
          {t('cash.reason.other')}
        </label>
        <Show when={picked() === OTHER}>
          <input
            name="other-reason"
            aria-label={t('cash.reason.other')}
            maxlength={200}
            value={other()}
            onInput={(e) => setOther(e.currentTarget.value)}
          />
        </Show>
      </fieldset>
      <ModalActions
        confirm={t(props.direction === 'in' ? 'cash.confirmIn' : 'cash.confirmOut')}
        disabled={parsed() === undefined || !reason()}
        onConfirm={() => void submit()}
        onCancel={props.onClose}
      />
    </Modal>
  );
}
