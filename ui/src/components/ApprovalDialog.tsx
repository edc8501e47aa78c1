/** The manager's approval, asked on the spot: pick a manager, type their PIN. */
import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import { api } from '../lib/api.ts';
import type { ApprovalRequest } from '../lib/approval.ts';
import type { StaffEntry } from '../../../crdt/api-types.ts';
import { Modal } from './Modal.tsx';
import { PinPad } from './PinPad.tsx';

const REASONS: Record<string, MessageKey> = {
  discount: 'approval.for.discount',
  price: 'approval.for.price',
  void: 'approval.for.void',
  'cash-out': 'approval.for.cashOut',
  'no-sale': 'approval.for.noSale',
  refund: 'approval.for.refund',
};

const approvalReason = (request: ApprovalRequest): string => {
  const key = request.action === undefined ? undefined : REASONS[request.action];
  return key ? t(key) : t('approval.why', { what: request.what });
};

export function ApprovalDialog(props: { request: ApprovalRequest }) {
  const [staff] = createResource(() => api<StaffEntry[]>('GET', '/api/staff'));
  const managers = () => (staff() ?? []).filter((s) => s.role === 'manager');
  const [chosen, setChosen] = createSignal<string>();
  const [pin, setPin] = createSignal('');
  const manager = () => chosen() ?? managers()[0]?.id;
  const submit = () => {
    const staffId = manager();
    if (staffId && pin().length >= 4) props.request.answer({ staffId, pin: pin() });
  };
  return (
    <Modal title={t('approval.title')} onClose={() => props.request.answer(undefined)}>
      <p>{approvalReason(props.request)}</p>
      <Show when={props.request.refused}>
        <p class="error" role="alert">
          {props.request.refused}
        </p>
      </Show>
      <div class="staff" role="radiogroup" aria-label={t('approval.manager')}>
        <For each={managers()}>
          {(m) => (
            <button
              type="button"
              role="radio"
              aria-checked={manager() === m.id}
              classList={{ chosen: manager() === m.id }}
              onClick={() => setChosen(m.id)}
            >
              {m.name}
            </button>
          )}
        </For>
      </div>
      <PinPad
        name="approval-pin"
        value={pin()}
        onInput={setPin}
        onSubmit={submit}
        submitLabel={t('approval.approve')}
      />
    </Modal>
  );
}
