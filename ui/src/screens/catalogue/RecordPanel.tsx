/** A list of catalogue records (categories, taxes): each opens its form, and a button adds one. */
import { createSignal, For, Show } from 'solid-js';
import type { JSX } from 'solid-js';

export function RecordPanel<T extends { id: string; name: string }>(props: {
  kind: string;
  title: string;
  items: T[];
  newLabel: string;
  /** What follows the name in the list (who edited it, its rate). */
  detail: (item: T) => JSX.Element;
  /** The form for one record (`undefined`: a new one); `done` closes it, `saved` after a save. */
  form: (item: T | undefined, done: (saved: boolean) => void) => JSX.Element;
  onSaved: () => void;
}) {
  const [editing, setEditing] = createSignal<T | 'new'>();
  const done = (saved: boolean) => {
    setEditing(undefined);
    if (saved) props.onSaved();
  };
  return (
    <section class={`catalogue-panel ${props.kind}-panel`} aria-labelledby={`${props.kind}-title`}>
      <h3 id={`${props.kind}-title`}>{props.title}</h3>
      <ul>
        <For each={props.items}>
          {(item) => (
            <li>
              <button type="button" class="link" onClick={() => setEditing(() => item)}>
                {item.name}
              </button>
              {props.detail(item)}
            </li>
          )}
        </For>
      </ul>
      <button type="button" onClick={() => setEditing('new')}>
        {props.newLabel}
      </button>
      <Show when={editing()} keyed>
        {(item) => props.form(item === 'new' ? undefined : item, done)}
      </Show>
    </section>
  );
}
