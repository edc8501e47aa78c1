/**
 * Runs what the user asked for: what is under way is shown in words (never a
 * silent spinner), a failure becomes an error toast in the till's language,
 * and a closed approval dialog is no error.
 */
import { createSignal } from 'solid-js';
import { clearErrors, toast } from '../components/Toasts.tsx';
import { ApprovalCancelledError } from './approval.ts';
import { describeError } from './errors.ts';

const [working, setWorking] = createSignal<string[]>([]);
/** What the till is doing now, newest first ("" when idle). */
export const workingOn = (): string => working().at(-1) ?? '';

export async function run<T>(label: string, action: () => Promise<T>): Promise<T | undefined> {
  setWorking((list) => [...list, label]);
  try {
    const result = await action();
    clearErrors();
    return result;
  } catch (error) {
    if (!(error instanceof ApprovalCancelledError)) toast('error', describeError(error));
    return undefined;
  } finally {
    setWorking((list) => {
      const at = list.lastIndexOf(label);
      return at < 0 ? list : [...list.slice(0, at), ...list.slice(at + 1)];
    });
  }
}
