/** Opening the drawer without a sale: a reason, and a manager's PIN when the settings ask for one. */
import { createSignal } from 'solid-js';
import { Modal, ModalActions } from '../../components/Modal.tsx';
import { toast } from '../../components/Toasts.tsx';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { withApproval } from '../../lib/approval.ts';
import { run } from '../../lib/run.ts';

export function DrawerDialog(props: { onClose: () => void }) {
  const [reason, setReason] = createSignal('');
  const open = async () => {
    if (!reason().trim()) return toast('error', t('settings.drawerReasonNeeded'));
    const opened = await run(t('settings.drawerOpening'), () =>
      withApproval((approval) =>
        api('POST', '/api/devices/drawer/open', { reason: reason().trim(), approval }),
      ),
    );
    if (!opened) return;
    toast('success', t('settings.drawerOpened'));
    props.onClose();
  };
  return (
    <Modal
      title={t('settings.openDrawer')}
      onClose={props.onClose}
      onConfirm={() => void open()}
      class="drawer-dialog"
    >
      <label>
        {t('settings.drawerReason')}
        <input
          name="drawer-reason"
          maxLength={200}
          autocomplete="off"
          value={reason()}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </label>
      <ModalActions
        confirm={t('settings.openDrawer')}
        onConfirm={() => void open()}
        onCancel={props.onClose}
      />
    </Modal>
  );
}
