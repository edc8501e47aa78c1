/**
 * What the manager must look at in the books and the mesh: a till code claimed
 * by two tills, refunds that together pass their sale, records written in
 * another till's name. Each says what happened and what to do.
 */
import { For, Show } from 'solid-js';

export interface IntegrityStatus {
  identity: {
    code: string;
    ownsCode: boolean;
    duplicates: Array<{ code: string; owner: { name: string }; others: Array<{ name: string }> }>;
  };
  books: {
    refundConflicts: Array<{
      originalNumber: string;
      line: string;
      sold: number;
      refunded: number;
      refunds: string[];
    }>;
    invalidRecords: Array<{
      doc: string;
      map: string;
      key: string;
      reason: string;
      signer?: string;
    }>;
  };
}

export function Integrity(props: { status: IntegrityStatus }) {
  const forged = () => props.status.books.invalidRecords.filter((r) => r.signer);
  return (
    <>
      <Show when={props.status.identity.duplicates.length > 0}>
        <h3 class="alert-title">Till codes claimed twice</h3>
        <ul class="alerts">
          <For each={props.status.identity.duplicates}>
            {(d) => (
              <li>
                Code {d.code} belongs to “{d.owner.name}”;{' '}
                {d.others.map((o) => `“${o.name}”`).join(', ')} also claimed it and sells nothing
                under it. Give {d.others.length > 1 ? 'them' : 'it'} another code in
                mesh.config.json (till.code): what they sold is kept.
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.status.books.refundConflicts.length > 0}>
        <h3 class="alert-title">Refunds beyond the sale</h3>
        <ul class="alerts">
          <For each={props.status.books.refundConflicts}>
            {(c) => (
              <li>
                {c.originalNumber}, “{c.line}”: {c.sold} sold, {c.refunded} refunded by{' '}
                {c.refunds.join(', ')}
                (provisional refunds made while the tills were apart). Check the cash with the
                cashiers who paid them out.
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={forged().length > 0}>
        <h3 class="alert-title">Records written in another till's name ({forged().length})</h3>
        <ul class="alerts">
          <For each={forged()}>
            {(r) => (
              <li>
                {r.doc} {r.key}: {r.reason} — signed by …{r.signer!.slice(-8)}. It changed nothing;
                find that device on the network.
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}
