/** An X or Z report on screen, as the daemon computed it: nothing is summed here. */
import { For, Show } from 'solid-js';
import type { DayReport } from '../../../../crdt/report.ts';
import { paymentMethods } from '../../../../crdt/schema.ts';
import { formatPercent, money, t } from '../../i18n/i18n.ts';
import { dayDate, methodName, stampTime } from './format.ts';
import { PrintReportButton } from './PrintReportButton.tsx';

const signed = (minor: number) => (minor > 0 ? `+${money(minor)}` : money(minor));

/** `printable`: offer to print it (not for a preview, which is no report yet). */
export function ReportView(props: { report: DayReport; printable?: boolean }) {
  const r = () => props.report;
  return (
    <article class="day-report" aria-label={t(r().closed ? 'report.z' : 'report.x')}>
      <h3>
        {t(r().closed ? 'report.z' : 'report.x')} ·{' '}
        {t('report.tillDay', { till: r().till, date: dayDate(r().businessDate) })}
      </h3>
      <Show when={props.printable}>
        <PrintReportButton report={r()} />
      </Show>
      <p class="hint">
        {t('report.opened', { at: stampTime(r().openedAt) })}
        <Show when={r().closedAt}>
          {(at) => <> · {t('report.closed', { at: stampTime(at()) })}</>}
        </Show>
      </p>
      <dl class="report-totals">
        <dt>{t('report.sales', { count: r().sales.count })}</dt>
        <dd>{money(r().sales.total)}</dd>
        <dt>{t('report.discounts')}</dt>
        <dd>{money(r().sales.discount)}</dd>
        <dt>{t('report.refunds', { count: r().refunds.count })}</dt>
        <dd>{money(r().refunds.total)}</dd>
        <dt>{t('report.net')}</dt>
        <dd>
          <strong>{money(r().net)}</strong>
        </dd>
        <dt>{t('report.voided')}</dt>
        <dd>{r().voidedCount}</dd>
        <dt>{t('report.openCarts')}</dt>
        <dd>{r().openCarts}</dd>
        <dt>{t('report.numbers')}</dt>
        <dd>{r().firstNumber ? `${r().firstNumber} – ${r().lastNumber}` : '—'}</dd>
      </dl>
      <table class="by-method">
        <thead>
          <tr>
            <th>{t('report.method')}</th>
            <th>{t('report.takings')}</th>
            <th>{t('report.expected')}</th>
            <th>{t('report.counted')}</th>
            <th>{t('report.variance')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={paymentMethods}>
            {(method) => (
              <tr data-method={method}>
                <th scope="row">{methodName(method)}</th>
                <td>{money(r().byMethod[method])}</td>
                <td>{money(r().expected[method])}</td>
                <td>{r().counted?.[method] === undefined ? '—' : money(r().counted![method]!)}</td>
                <td class="variance">
                  {r().variance?.[method] === undefined ? '—' : signed(r().variance![method]!)}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <h4>{t('report.cash')}</h4>
      <dl class="report-totals">
        <dt>{t('report.float')}</dt>
        <dd>{money(r().cash.float)}</dd>
        <dt>{t('report.cashTakings')}</dt>
        <dd>{money(r().cash.takings)}</dd>
        <dt>{t('report.cashIn')}</dt>
        <dd>{money(r().cash.cashIn)}</dd>
        <dt>{t('report.cashOut')}</dt>
        <dd>{money(r().cash.cashOut)}</dd>
        <dt>{t('report.cashExpected')}</dt>
        <dd>{money(r().cash.expected)}</dd>
        <dt>{t('report.noSale')}</dt>
        <dd>{r().drawer.noSale}</dd>
      </dl>
      <Show when={r().taxes.length > 0}>
        <h4>{t('report.taxes')}</h4>
        <table class="taxes">
          <thead>
            <tr>
              <th>{t('report.rate')}</th>
              <th>{t('report.base')}</th>
              <th>{t('report.tax')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={r().taxes}>
              {(tax) => (
                <tr>
                  <td>
                    {formatPercent(tax.rateBp)}{' '}
                    {t(tax.included ? 'report.included' : 'report.excluded')}
                  </td>
                  <td>{money(tax.base)}</td>
                  <td>{money(tax.tax)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </article>
  );
}
