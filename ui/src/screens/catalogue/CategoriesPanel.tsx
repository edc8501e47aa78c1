/** The catalogue's categories (the sale screen's tabs): add one, or rename it. */
import { createSignal } from 'solid-js';
import type { Category } from '../../../../crdt/schema.ts';
import { Modal, ModalActions } from '../../components/Modal.tsx';
import { toast } from '../../components/Toasts.tsx';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';
import { stampTime } from '../day/format.ts';
import { RecordPanel } from './RecordPanel.tsx';

export function CategoriesPanel(props: { categories: Category[]; onSaved: () => void }) {
  return (
    <RecordPanel
      kind="categories"
      title={t('catalogue.categories')}
      items={props.categories}
      newLabel={t('catalogue.newCategory')}
      detail={(category) => (
        <span class="edited">
          {t('catalogue.editedBy', {
            name: category.updatedBy.name,
            at: stampTime(category.updatedAt),
          })}
        </span>
      )}
      form={(category, done) => (
        <CategoryForm category={category} onSaved={() => done(true)} onClose={() => done(false)} />
      )}
      onSaved={props.onSaved}
    />
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
