import { useMemo } from 'preact/hooks'
import type uPlot from 'uplot'
import { kindLabel } from './cx-labels.ts'
import type { FrictionBoard } from './dashboard-api.ts'
import { formatMonth, kindLayers, monthSeconds, stack } from './dashboard-series.ts'
import { formatNumber, locale, t } from './i18n.ts'
import { barSeries, monthChartOptions } from './month-chart.ts'
import { UPlotChart } from './uplot-chart.tsx'

/** Zendesk Garden hues, one per friction kind (ten kinds). */
const PALETTE = [
  '#1f73b7',
  '#cc3340',
  '#f5a133',
  '#038153',
  '#6a27b8',
  '#c72a1c',
  '#02a191',
  '#ad5e18',
  '#d42054',
  '#68737d',
]

/**
 * Friction points by the month they started, one stacked layer per kind (the commonest at the
 * bottom), and as a table: points and how many are still open, per kind and month.
 */
export function FrictionBoardView(props: { board: FrictionBoard }) {
  const { months } = props.board
  const layers = useMemo(() => kindLayers(months), [months])
  const data = useMemo<uPlot.AlignedData>(() => {
    const sums = stack(layers.map((l) => l.points))
    // Top layer first: each lower one is drawn over it.
    return [months.map((m) => monthSeconds(m.month)), ...sums.reverse()]
  }, [months, layers])
  const options = useMemo(
    () =>
      monthChartOptions(
        t('frictionPoints'),
        layers
          .map((l, i) => barSeries(kindLabel(l.kind), PALETTE[i % PALETTE.length]!, l.points))
          .reverse(),
      ),
    [locale, layers],
  )
  return (
    <section class="cx-board" data-board="friction">
      <h2>{t('frictionTitle')}</h2>
      {months.length === 0 ? (
        <p>{t('noFriction')}</p>
      ) : (
        <figure data-chart="friction" aria-label={`${t('frictionTitle')} ${t('chartHint')}`}>
          <UPlotChart options={options} data={data} />
        </figure>
      )}
      <details>
        <summary>{t('figures')}</summary>
        <table class="cx-table" data-table="friction">
          <caption>{t('frictionTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('month')}</th>
              {layers.map((l) => (
                <th scope="col" key={l.kind} data-kind={l.kind}>
                  {kindLabel(l.kind)}
                </th>
              ))}
              <th scope="col">{t('total')}</th>
              <th scope="col">{t('stillOpen')}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m, j) => (
              <tr key={m.month} data-month={m.month}>
                <th scope="row">{formatMonth(m.month, locale)}</th>
                {layers.map((l) => (
                  <td key={l.kind} data-kind={l.kind} data-value={l.points[j]}>
                    {formatNumber(l.points[j]!)}
                  </td>
                ))}
                <td data-field="points" data-value={m.points}>
                  {formatNumber(m.points)}
                </td>
                <td data-field="open" data-value={m.open}>
                  {formatNumber(m.open)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  )
}
