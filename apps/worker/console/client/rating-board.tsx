import { useMemo } from 'preact/hooks'
import type uPlot from 'uplot'
import type { RatingBoard } from './dashboard-api.ts'
import { formatPercent, monthSeconds, stack } from './dashboard-series.ts'
import { formatNumber, locale, t } from './i18n.ts'
import { barSeries, monthChartOptions } from './month-chart.ts'
import { COLOURS } from './nps-board.tsx'
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
