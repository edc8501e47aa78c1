/**
 * CSV import from the screen: the file is read and parsed here, sent in
 * batches by the same runner as the CLI, with a progress bar and the refused
 * rows in the order of the file, each with its line number.
 */
import { createSignal, For, Show } from 'solid-js';
import type { ImportResult } from '../../../../crdt/api-types.ts';
import type { ImportTotals } from '../../../../crdt/catalogue-import-batches.ts';
import { importCatalogueCsv } from '../../../../crdt/catalogue-import-batches.ts';
import { plural, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';

export function ImportPanel(props: { onImported: () => void }) {
  const [progress, setProgress] = createSignal<{ done: number; total: number }>();
  const [result, setResult] = createSignal<ImportTotals>();
  const [fileName, setFileName] = createSignal('');
  const importFile = async (file: File) => {
    setResult(undefined);
    setFileName(file.name);
    const text = await file.text();
    const totals = await run(t('import.working', { file: file.name }), () =>
      importCatalogueCsv(
        text,
        (batch) => api<ImportResult>('POST', '/api/catalogue/import', batch),
        (done, total) => setProgress({ done, total }),
      ),
    );
    if (!totals) return;
    setResult(totals);
    props.onImported();
  };
  return (
    <section class="import-panel" aria-labelledby="import-title">
      <h3 id="import-title">{t('import.title')}</h3>
      <p class="hint">{t('import.columns')}</p>
      <input
        type="file"
        name="csv"
        accept=".csv,text/csv"
        aria-label={t('import.file')}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void importFile(file);
          e.currentTarget.value = '';
        }}
      />
      <Show when={progress()}>
        {(p) => (
          <label class="import-progress">
            {t('import.progress', { done: p().done, total: p().total, file: fileName() })}
            <progress max={p().total || 1} value={p().done} />
          </label>
        )}
      </Show>
      <Show when={result()}>
        {(r) => (
          <div role="status" class="import-result">
            <p>
              {t('import.summary', {
                created: r().created,
                updated: r().updated,
                categories: r().categories,
              })}{' '}
              {plural('import.refused', r().errors.length)}
            </p>
            <Show when={r().errors.length > 0}>
              <table class="import-errors">
                <thead>
                  <tr>
                    <th>{t('import.line')}</th>
                    <th>{t('import.column')}</th>
                    <th>{t('import.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={r().errors}>
                    {(e) => (
                      <tr>
                        <td>{e.line}</td>
                        <td>{e.column ?? '—'}</td>
                        <td>{e.message}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          </div>
        )}
      </Show>
    </section>
  );
}
