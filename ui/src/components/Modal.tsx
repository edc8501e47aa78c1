/**
 * A modal dialog on the native <dialog>: a backdrop, everything behind it
 * inert (no click or tab reaches the screen underneath), focus kept inside,
 * Esc closes and Enter confirms (unless a button or a text area has the key).
 */
import { onCleanup, onMount, Show } from 'solid-js';
import type { JSX } from 'solid-js';
import { t } from '../i18n/i18n.ts';

export function Modal(props: {
  title: string;
  onClose: () => void;
  /** Enter anywhere in the dialog but on a button runs this. */
  onConfirm?: () => void;
  class?: string;
  children: JSX.Element;
}) {
  let dialog!: HTMLDialogElement;
  onMount(() => {
    dialog.showModal();
    const first = dialog.querySelector<HTMLElement>('[autofocus], input, select, textarea');
    first?.focus();
  });
  onCleanup(() => dialog.open && dialog.close());
  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (
      event.key === 'Enter' &&
      props.onConfirm &&
      !['BUTTON', 'TEXTAREA', 'A'].includes(target.tagName)
    ) {
      event.preventDefault();
      props.onConfirm();
    }
    // keys typed in a dialog never reach the scanner listener of the screen behind
    event.stopPropagation();
  };
  return (
    <dialog
      ref={dialog}
      class={`modal ${props.class ?? ''}`}
      aria-label={props.title}
      onCancel={(e) => {
        e.preventDefault(); // Esc: close through the owner, who decides what closing means
        props.onClose();
      }}
      onKeyDown={onKeyDown}
    >
      <header>
        <h2>{props.title}</h2>
        <button type="button" class="icon" aria-label={t('dialog.close')} onClick={props.onClose}>
          ×
        </button>
      </header>
      {props.children}
    </dialog>
  );
}

/** The usual footer: a confirm button (primary) and a cancel one. */
export function ModalActions(props: {
  confirm: string;
  onConfirm: () => void;
  onCancel: () => void;
  disabled?: boolean;
  danger?: boolean;
  children?: JSX.Element;
}) {
  return (
    <footer class="modal-actions">
      {props.children}
      <button type="button" onClick={props.onCancel}>
        {t('dialog.cancel')}
      </button>
      <button
        type="button"
        classList={{ primary: !props.danger, danger: !!props.danger }}
        disabled={props.disabled}
        onClick={props.onConfirm}
      >
        {props.confirm}
      </button>
    </footer>
  );
}

/** Asks before doing something that cannot be undone. */
export function ConfirmDialog(props: {
  title: string;
  message: string;
  confirm: string;
  onConfirm: () => void;
  onClose: () => void;
  children?: JSX.Element;
}) {
  return (
    <Modal title={props.title} onClose={props.onClose} onConfirm={props.onConfirm}>
      <p>{props.message}</p>
      <Show when={props.children}>{props.children}</Show>
      <ModalActions
        confirm={props.confirm}
        danger
        onConfirm={props.onConfirm}
        onCancel={props.onClose}
      />
    </Modal>
  );
}
