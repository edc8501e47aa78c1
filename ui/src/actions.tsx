/** Runs a user action: shows that it is working, and shows any error in words. */
import { createSignal, Show } from 'solid-js';
import { ApiError } from './api.ts';

export function createAction() {
  const [working, setWorking] = createSignal('');
  const [error, setError] = createSignal('');
  const run = async <T,>(label: string, action: () => Promise<T>): Promise<T | undefined> => {
    setWorking(label);
    setError('');
    try {
      return await action();
    } catch (e) {
      setError(
        e instanceof ApiError
          ? `${e.message} (${e.code})`
          : e instanceof Error
            ? e.message
            : String(e),
      );
      return undefined;
    } finally {
      setWorking('');
    }
  };
  return { working, error, setError, run };
}

/** The action's error, in words, where the user looks. */
export function ActionError(props: { action: ReturnType<typeof createAction> }) {
  return (
    <Show when={props.action.error()}>
      <p class="error" role="alert">
        {props.action.error()}
      </p>
    </Show>
  );
}
