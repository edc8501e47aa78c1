/** Across the top of every screen: a till that must not sell says so, and why. */
import { Show } from 'solid-js';
import { useSession } from '../app/session.tsx';

export function TillAlert() {
  const session = useSession();
  const identity = () => session.status()?.identity;
  return (
    <Show when={identity() && !identity()!.ownsCode}>
      <p class="till-alert" role="alert">
        This till's code {identity()!.code} belongs to another till of the mesh, which claimed it
        first: it sells nothing under that code. A manager gives it another code (till.code in
        mesh.config.json); what it sold is kept.
      </p>
    </Show>
  );
}
