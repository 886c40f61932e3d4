import { useMemo } from 'preact/hooks'
import type uPlot from 'uplot'
import { kindLabel } from './cx-labels.ts'
import type { FrictionBoard } from './dashboard-api.ts'
import { kindLayers, monthSeconds, stack } from './dashboard-series.ts'
import { formatNumber, locale, t } from './i18n.ts'
import { barSeries, monthChartOptions } from './month-chart.ts'
import { MonthBoard, type MonthColumn } from './month-board.tsx'

type FrictionMonth = FrictionBoard['months'][number]

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
  const count = (v: number | null) => formatNumber(v ?? 0)
  const columns: MonthColumn<FrictionMonth>[] = [
    ...layers.map((l) => ({
      key: l.kind,
      label: kindLabel(l.kind),
      kind: true,
      value: (_m: FrictionMonth, j: number) => l.points[j]!,
      format: count,
    })),
    { key: 'points', label: t('total'), value: (m) => m.points, format: count },
    { key: 'open', label: t('stillOpen'), value: (m) => m.open, format: count },
  ]
  return (
    <MonthBoard
      name="friction"
      title={t('frictionTitle')}
      empty={t('noFriction')}
      months={months}
      options={options}
      data={data}
      columns={columns}
    />
  )
}
