import { useMemo } from 'preact/hooks'
import type uPlot from 'uplot'
import type { RatingBoard } from './dashboard-api.ts'
import { formatPercent, monthSeconds } from './dashboard-series.ts'
import { formatNumber, locale, t } from './i18n.ts'
import { monthChartOptions, rightLine, threeWayBars } from './month-chart.ts'
import { MonthBoard, type MonthColumn } from './month-board.tsx'

type RatingMonth = RatingBoard['months'][number]

const percentOf = (v: number | null) => (v === null ? '—' : formatPercent(v, locale))

/**
 * CSAT or CES by month: satisfied, neutral and unsatisfied answers stacked, the satisfied share and
 * the average (both 0–100, comparable across scales) as lines; and the same figures as a table.
 */
export function RatingBoardView(props: { name: 'csat' | 'ces'; board: RatingBoard }) {
  const { name } = props
  const { months } = props.board
  const title = t(name === 'csat' ? 'csatTitle' : 'cesTitle')
  const bars = useMemo(
    () =>
      threeWayBars(
        [t('satisfied'), t('neutral'), t('unsatisfied')],
        [
          months.map((m) => m.satisfied),
          months.map((m) => m.neutral),
          months.map((m) => m.unsatisfied),
        ],
      ),
    [locale, months],
  )
  const data = useMemo<uPlot.AlignedData>(
    () => [
      months.map((m) => monthSeconds(m.month)),
      ...bars.data,
      months.map((m) => m.satisfiedPercent),
      months.map((m) => Math.round(m.averageNormalised * 1000) / 10),
    ],
    [bars, months],
  )
  const options = useMemo(
    () =>
      monthChartOptions(
        t('answers'),
        [
          ...bars.series,
          rightLine(t('satisfiedPercent'), percentOf, { stroke: '#03363d', pointSize: 7 }),
          rightLine(t('averageNormalised'), percentOf, {
            stroke: '#1f73b7',
            dash: [6, 4],
            pointSize: 5,
          }),
        ],
        { label: '%', range: [0, 100] },
      ),
    [bars, locale, title],
  )
  const count = (v: number | null) => formatNumber(v ?? 0)
  const columns: MonthColumn<RatingMonth>[] = [
    {
      key: 'satisfiedPercent',
      label: t('satisfiedPercent'),
      value: (m) => m.satisfiedPercent,
      format: percentOf,
    },
    {
      key: 'averageNormalised',
      label: t('averageNormalised'),
      value: (m) => m.averageNormalised,
      format: (v) => percentOf(v === null ? null : v * 100),
    },
    { key: 'satisfied', label: t('satisfied'), value: (m) => m.satisfied, format: count },
    { key: 'neutral', label: t('neutral'), value: (m) => m.neutral, format: count },
    { key: 'unsatisfied', label: t('unsatisfied'), value: (m) => m.unsatisfied, format: count },
    { key: 'answers', label: t('answers'), value: (m) => m.answers, format: count },
  ]
  return (
    <MonthBoard
      name={name}
      title={title}
      empty={t('noAnswers')}
      months={months}
      options={options}
      data={data}
      columns={columns}
    />
  )
}
