/**
 * A manager's approval on the spot. A call the daemon refuses with
 * APPROVAL_REQUIRED opens the approval dialog (a manager picks their name and
 * types their PIN without the cashier signing out) and is sent again with it;
 * a wrong PIN asks again, closing the dialog gives up.
 */
import { createSignal } from 'solid-js';
import { ApiError } from './api.ts';

export interface ApprovalPin {
  staffId: string;
  pin: string;
}

export interface ApprovalRequest {
  /** What needs approving (crdt/schema.ts approvedActions), or undefined when the daemon did not say. */
  action: string | undefined;
  /** The daemon's words, for an action this screen has no message for. */
  what: string;
  refused?: string;
  answer: (pin: ApprovalPin | undefined) => void;
}

const [pending, setPending] = createSignal<ApprovalRequest>();
export { pending as pendingApproval };

/** The user closed the approval dialog: the action was not done. */
export class ApprovalCancelledError extends Error {
  constructor() {
    super('approval cancelled');
  }
}

const ask = (action: string | undefined, what: string, refused?: string) =>
  new Promise<ApprovalPin | undefined>((resolve) =>
    setPending({
      action,
      what,
      refused,
      answer: (pin) => {
        setPending(undefined);
        resolve(pin);
      },
    }),
  );

export async function withApproval<T>(call: (approval?: ApprovalPin) => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'APPROVAL_REQUIRED')) throw error;
    let refused: string | undefined;
    for (;;) {
      const action = typeof error.details?.action === 'string' ? error.details.action : undefined;
      const pin = await ask(action, error.message, refused);
      if (!pin) throw new ApprovalCancelledError();
      try {
        return await call(pin);
      } catch (again) {
        if (!(again instanceof ApiError && again.code === 'APPROVAL_REFUSED')) throw again;
        refused = again.message;
      }
    }
  }
}
