/** The catalogue's categories (the sale screen's tabs): add one, or rename it. */
import { createSignal, For, Show } from 'solid-js';
import type { Category } from '../../../../crdt/schema.ts';
import { Modal, ModalActions } from '../../components/Modal.tsx';
import { toast } from '../../components/Toasts.tsx';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';
import { stampTime } from '../day/format.ts';

export function CategoriesPanel(props: { categories: Category[]; onSaved: () => void }) {
  const [editing, setEditing] = createSignal<Category | 'new'>();
  return (
    <section class="catalogue-panel categories-panel" aria-labelledby="categories-title">
      <h3 id="categories-title">{t('catalogue.categories')}</h3>
      <ul>
        <For each={props.categories}>
          {(category) => (
            <li>
              <button type="button" class="link" onClick={() => setEditing(category)}>
                {category.name}
              </button>
              <span class="edited">
                {t('catalogue.editedBy', {
                  name: category.updatedBy.name,
                  at: stampTime(category.updatedAt),
                })}
              </span>
            </li>
          )}
        </For>
      </ul>
      <button type="button" onClick={() => setEditing('new')}>
        {t('catalogue.newCategory')}
      </button>
      <Show when={editing()} keyed>
        {(category) => (
          <CategoryForm
            category={category === 'new' ? undefined : category}
            onSaved={() => {
              setEditing(undefined);
              props.onSaved();
            }}
            onClose={() => setEditing(undefined)}
          />
        )}
      </Show>
    </section>
  );
}

function CategoryForm(props: { category?: Category; onSaved: () => void; onClose: () => void }) {
  const [name, setName] = createSignal(props.category?.name ?? '');
  const save = async () => {
    const body = { ...(props.category ? { id: props.category.id } : {}), name: name().trim() };
    const saved = await run(t('catalogue.savingCategory'), () =>
      api<Category>('POST', '/api/catalogue/categories', body),
    );
    if (!saved) return;
    toast('success', t('catalogue.saved', { name: saved.name }));
    props.onSaved();
  };
  const title = () =>
    props.category
      ? t('catalogue.editTitle', { name: props.category.name })
      : t('catalogue.newCategory');
  return (
    <Modal
      title={title()}
      onClose={props.onClose}
      onConfirm={() => void save()}
      class="product-form"
    >
      <label>
        {t('catalogue.name')}
        <input
          name="category-name"
          maxLength={60}
          value={name()}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <ModalActions
        confirm={t('catalogue.save')}
        disabled={!name().trim()}
        onConfirm={() => void save()}
        onCancel={props.onClose}
      />
    </Modal>
  );
}
