import { useMemo } from 'preact/hooks'
import type uPlot from 'uplot'
import type { NpsBoard } from './dashboard-api.ts'
import { formatMonth, formatNps, monthSeconds, stack } from './dashboard-series.ts'
import { formatNumber, locale, t } from './i18n.ts'
import { barSeries, monthChartOptions } from './month-chart.ts'
import { UPlotChart } from './uplot-chart.tsx'

export const COLOURS = { promoters: '#038153', passives: '#f5a133', detractors: '#cc3340' }

/**
 * NPS by month: promoters, passives and detractors stacked (detractors at the bottom), the score as
 * a line on its own −100–100 scale, and the same figures as a table for screen readers and tests.
 */
export function NpsBoardView(props: { board: NpsBoard }) {
  const { months, overall } = props.board
  const data = useMemo<uPlot.AlignedData>(() => {
    const [detractors, passives, promoters] = stack([
      months.map((m) => m.detractors),
      months.map((m) => m.passives),
      months.map((m) => m.promoters),
    ])
    return [
      months.map((m) => monthSeconds(m.month)),
      promoters!,
      passives!,
      detractors!,
      months.map((m) => m.score),
      months.map((m) => m.answers),
    ]
  }, [months])
  const options = useMemo(
    () =>
      monthChartOptions(
        t('answers'),
        [
          barSeries(
            t('promoters'),
            COLOURS.promoters,
            months.map((m) => m.promoters),
          ),
          barSeries(
            t('passives'),
            COLOURS.passives,
            months.map((m) => m.passives),
          ),
          barSeries(
            t('detractors'),
            COLOURS.detractors,
            months.map((m) => m.detractors),
          ),
          {
            label: t('nps'),
            scale: 'right',
            stroke: '#03363d',
            width: 2,
            points: { show: true, size: 7 },
            value: (_u, v) => formatNps(v, locale),
          },
          // Only for the legend: the answers of the hovered month.
          { label: t('answers'), scale: 'y', paths: () => null, points: { show: false } },
        ],
        { label: t('nps'), range: [-100, 100] },
      ),
    [locale, months],
  )
  return (
    <section class="cx-board" data-board="nps">
      <h2>{t('npsTitle')}</h2>
      {months.length === 0 ? (
        <p>{t('noAnswers')}</p>
      ) : (
        <figure data-chart="nps" aria-label={`${t('npsTitle')} ${t('chartHint')}`}>
          <UPlotChart options={options} data={data} />
        </figure>
      )}
      <details>
        <summary>{t('figures')}</summary>
        <table class="cx-table" data-table="nps">
          <caption>{t('npsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('month')}</th>
              <th scope="col">{t('nps')}</th>
              <th scope="col">{t('promoters')}</th>
              <th scope="col">{t('passives')}</th>
              <th scope="col">{t('detractors')}</th>
              <th scope="col">{t('answers')}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month} data-month={m.month}>
                <th scope="row">{formatMonth(m.month, locale)}</th>
                <td data-field="score" data-value={m.score}>
                  {formatNps(m.score, locale)}
                </td>
                <td data-field="promoters" data-value={m.promoters}>
                  {formatNumber(m.promoters)}
                </td>
                <td data-field="passives" data-value={m.passives}>
                  {formatNumber(m.passives)}
                </td>
                <td data-field="detractors" data-value={m.detractors}>
                  {formatNumber(m.detractors)}
                </td>
                <td data-field="answers" data-value={m.answers}>
                  {formatNumber(m.answers)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-month="all">
              <th scope="row">{t('allMonths')}</th>
              <td data-field="score" data-value={overall.score ?? ''}>
                {formatNps(overall.score, locale)}
              </td>
              <td data-field="promoters">{formatNumber(overall.promoters)}</td>
              <td data-field="passives">{formatNumber(overall.passives)}</td>
              <td data-field="detractors">{formatNumber(overall.detractors)}</td>
              <td data-field="answers" data-value={overall.answers}>
                {formatNumber(overall.answers)}
              </td>
            </tr>
          </tfoot>
        </table>
      </details>
    </section>
  )
}
