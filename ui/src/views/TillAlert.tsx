/** Across the top of every screen: a till that must not sell says so, and why. */
import { createResource, onCleanup, Show } from 'solid-js';
import { api } from '../api.ts';

interface Identity {
  identity: { code: string; ownsCode: boolean; owner: string | null };
}

export const ALERT_REFRESH_MS = 5_000;

export function TillAlert() {
  const [status, { refetch }] = createResource(() =>
    api<Identity>('GET', '/api/status').catch(() => undefined),
  );
  const timer = setInterval(() => void refetch(), ALERT_REFRESH_MS);
  onCleanup(() => clearInterval(timer));
  return (
    <Show when={status() && !status()!.identity.ownsCode}>
      <p class="till-alert" role="alert">
        This till's code {status()!.identity.code} belongs to another till of the mesh, which
        claimed it first: it sells nothing under that code. A manager gives it another code
        (till.code in mesh.config.json); what it sold is kept.
      </p>
    </Show>
  );
}
