import { useMemo } from 'preact/hooks'
import type uPlot from 'uplot'
import type { RatingBoard } from './dashboard-api.ts'
import { formatMonth, formatPercent, monthSeconds, stack } from './dashboard-series.ts'
import { formatNumber, locale, t } from './i18n.ts'
import { barSeries, monthChartOptions } from './month-chart.ts'
import { COLOURS } from './nps-board.tsx'
import { UPlotChart } from './uplot-chart.tsx'

const percentOf = (v: number | null) => (v === null ? '—' : formatPercent(v, locale))

/**
 * CSAT or CES by month: satisfied, neutral and unsatisfied answers stacked, the satisfied share and
 * the average (both 0–100, comparable across scales) as lines; and the same figures as a table.
 */
export function RatingBoardView(props: { name: 'csat' | 'ces'; board: RatingBoard }) {
  const { name } = props
  const { months } = props.board
  const title = t(name === 'csat' ? 'csatTitle' : 'cesTitle')
  const data = useMemo<uPlot.AlignedData>(() => {
    const [unsatisfied, neutral, satisfied] = stack([
      months.map((m) => m.unsatisfied),
      months.map((m) => m.neutral),
      months.map((m) => m.satisfied),
    ])
    return [
      months.map((m) => monthSeconds(m.month)),
      satisfied!,
      neutral!,
      unsatisfied!,
      months.map((m) => m.satisfiedPercent),
      months.map((m) => Math.round(m.averageNormalised * 1000) / 10),
    ]
  }, [months])
  const options = useMemo(
    () =>
      monthChartOptions(
        t('answers'),
        [
          barSeries(
            t('satisfied'),
            COLOURS.promoters,
            months.map((m) => m.satisfied),
          ),
          barSeries(
            t('neutral'),
            COLOURS.passives,
            months.map((m) => m.neutral),
          ),
          barSeries(
            t('unsatisfied'),
            COLOURS.detractors,
            months.map((m) => m.unsatisfied),
          ),
          {
            label: t('satisfiedPercent'),
            scale: 'right',
            stroke: '#03363d',
            width: 2,
            points: { show: true, size: 7 },
            value: (_u, v) => percentOf(v),
          },
          {
            label: t('averageNormalised'),
            scale: 'right',
            stroke: '#1f73b7',
            width: 2,
            dash: [6, 4],
            points: { show: true, size: 5 },
            value: (_u, v) => percentOf(v),
          },
        ],
        { label: '%', range: [0, 100] },
      ),
    [locale, months, title],
  )
  return (
    <section class="cx-board" data-board={name}>
      <h2>{title}</h2>
      {months.length === 0 ? (
        <p>{t('noAnswers')}</p>
      ) : (
        <figure data-chart={name} aria-label={`${title} ${t('chartHint')}`}>
          <UPlotChart options={options} data={data} />
        </figure>
      )}
      <details>
        <summary>{t('figures')}</summary>
        <table class="cx-table" data-table={name}>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('month')}</th>
              <th scope="col">{t('satisfiedPercent')}</th>
              <th scope="col">{t('averageNormalised')}</th>
              <th scope="col">{t('satisfied')}</th>
              <th scope="col">{t('neutral')}</th>
              <th scope="col">{t('unsatisfied')}</th>
              <th scope="col">{t('answers')}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month} data-month={m.month}>
                <th scope="row">{formatMonth(m.month, locale)}</th>
                <td data-field="satisfiedPercent" data-value={m.satisfiedPercent}>
                  {percentOf(m.satisfiedPercent)}
                </td>
                <td data-field="averageNormalised" data-value={m.averageNormalised}>
                  {percentOf(m.averageNormalised * 100)}
                </td>
                <td data-field="satisfied" data-value={m.satisfied}>
                  {formatNumber(m.satisfied)}
                </td>
                <td data-field="neutral" data-value={m.neutral}>
                  {formatNumber(m.neutral)}
                </td>
                <td data-field="unsatisfied" data-value={m.unsatisfied}>
                  {formatNumber(m.unsatisfied)}
                </td>
                <td data-field="answers" data-value={m.answers}>
                  {formatNumber(m.answers)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  )
}
