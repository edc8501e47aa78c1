/** The manager's staff: add someone, change a role, reset a PIN, deactivate or reactivate. */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { StaffMember } from '../../../../crdt/api-types.ts';
import { staffRoles } from '../../../../crdt/schema.ts';
import type { StaffRole } from '../../../../crdt/schema.ts';
import { Modal, ModalActions } from '../../components/Modal.tsx';
import { toast } from '../../components/Toasts.tsx';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';
import { stampTime } from '../day/format.ts';
import './staff.css';

export function StaffScreen() {
  const [staff, { refetch }] = createResource(() =>
    api<StaffMember[]>('GET', '/api/staff-members'),
  );
  const [editing, setEditing] = createSignal<StaffMember | 'new'>();
  const save = async (body: Record<string, unknown>) => {
    const saved = await run(t('staff.saving'), () => api('POST', '/api/staff-members', body));
    if (!saved) return false;
    toast('success', t('staff.saved'));
    void refetch();
    return true;
  };
  const roleName = (role: StaffRole) => t(role === 'manager' ? 'role.manager' : 'role.cashier');
  return (
    <section class="staff-screen">
      <button type="button" class="primary" onClick={() => setEditing('new')}>
        {t('staff.add')}
      </button>
      <table class="staff-table">
        <tbody>
          <For each={staff.latest ?? []}>
            {(member) => (
              <tr classList={{ inactive: !member.active }}>
                <td>{member.name}</td>
                <td>{roleName(member.role)}</td>
                <td>{t(member.active ? 'staff.active' : 'staff.inactive')}</td>
                <td class="hint">
                  {t('catalogue.editedBy', {
                    name: member.updatedBy.name,
                    at: stampTime(member.updatedAt),
                  })}
                </td>
                <td>
                  <button type="button" onClick={() => setEditing(member)}>
                    {t('staff.edit', { name: member.name })}
                  </button>
                  <button
                    type="button"
                    onClick={() => void save({ ...pick(member), active: !member.active })}
                  >
                    {t(member.active ? 'staff.deactivate' : 'staff.reactivate')}
                  </button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={editing()} keyed>
        {(member) => (
          <StaffForm
            member={member === 'new' ? undefined : member}
            roleName={roleName}
            onSave={async (body) => (await save(body)) && setEditing(undefined)}
            onClose={() => setEditing(undefined)}
          />
        )}
      </Show>
    </section>
  );
}

const pick = (m: StaffMember) => ({ id: m.id, name: m.name, role: m.role, active: m.active });

function StaffForm(props: {
  member?: StaffMember;
  roleName: (role: StaffRole) => string;
  onSave: (body: Record<string, unknown>) => unknown;
  onClose: () => void;
}) {
  const [name, setName] = createSignal(props.member?.name ?? '');
  const [role, setRole] = createSignal<StaffRole>(props.member?.role ?? 'cashier');
  const [pin, setPin] = createSignal('');
  const submit = () =>
    props.onSave({
      ...(props.member ? pick(props.member) : { active: true }),
      name: name().trim(),
      role: role(),
      ...(pin() ? { pin: pin() } : {}),
    });
  return (
    <Modal
      title={props.member ? t('staff.edit', { name: props.member.name }) : t('staff.add')}
      onClose={props.onClose}
      onConfirm={() => void submit()}
      class="staff-form"
    >
      <label>
        {t('catalogue.name')}
        <input name="staff-name" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        {t('staff.role')}
        <select
          name="role"
          value={role()}
          onChange={(e) => setRole(e.currentTarget.value as StaffRole)}
        >
          <For each={staffRoles}>{(r) => <option value={r}>{props.roleName(r)}</option>}</For>
        </select>
      </label>
      <label>
        {props.member ? t('staff.newPin') : t('staff.pin')}
        <input
          name="staff-pin"
          type="password"
          inputmode="numeric"
          autocomplete="off"
          maxlength={8}
          value={pin()}
          onInput={(e) => setPin(e.currentTarget.value.replace(/\D/g, ''))}
        />
      </label>
      <ModalActions
        confirm={t('catalogue.save')}
        disabled={!name().trim() || (!props.member && pin().length < 4)}
        onConfirm={() => void submit()}
        onCancel={props.onClose}
      />
    </Modal>
  );
}
