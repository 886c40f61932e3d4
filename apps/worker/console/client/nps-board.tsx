import { useMemo } from 'preact/hooks'
import type uPlot from 'uplot'
import type { NpsBoard } from './dashboard-api.ts'
import { formatNps, monthSeconds } from './dashboard-series.ts'
import { formatNumber, locale, t } from './i18n.ts'
import { monthChartOptions, rightLine, threeWayBars } from './month-chart.ts'
import { MonthBoard, type MonthColumn } from './month-board.tsx'

type NpsMonth = NpsBoard['months'][number]

/**
 * NPS by month: promoters, passives and detractors stacked (detractors at the bottom), the score as
 * a line on its own −100–100 scale, and the same figures as a table for screen readers and tests.
 */
export function NpsBoardView(props: { board: NpsBoard }) {
  const { months, overall } = props.board
  const bars = useMemo(
    () =>
      threeWayBars(
        [t('promoters'), t('passives'), t('detractors')],
        [
          months.map((m) => m.promoters),
          months.map((m) => m.passives),
          months.map((m) => m.detractors),
        ],
      ),
    [locale, months],
  )
  const data = useMemo<uPlot.AlignedData>(
    () => [
      months.map((m) => monthSeconds(m.month)),
      ...bars.data,
      months.map((m) => m.score),
      months.map((m) => m.answers),
    ],
    [bars, months],
  )
  const options = useMemo(
    () =>
      monthChartOptions(
        t('answers'),
        [
          ...bars.series,
          rightLine(t('nps'), (v) => formatNps(v, locale), { stroke: '#03363d', pointSize: 7 }),
          // Only for the legend: the answers of the hovered month.
          { label: t('answers'), scale: 'y', paths: () => null, points: { show: false } },
        ],
        { label: t('nps'), range: [-100, 100] },
      ),
    [bars, locale],
  )
  const count = (v: number | null) => formatNumber(v ?? 0)
  const columns: MonthColumn<NpsMonth>[] = [
    { key: 'score', label: t('nps'), value: (m) => m.score, format: (v) => formatNps(v, locale) },
    { key: 'promoters', label: t('promoters'), value: (m) => m.promoters, format: count },
    { key: 'passives', label: t('passives'), value: (m) => m.passives, format: count },
    { key: 'detractors', label: t('detractors'), value: (m) => m.detractors, format: count },
    { key: 'answers', label: t('answers'), value: (m) => m.answers, format: count },
  ]
  return (
    <MonthBoard
      name="nps"
      title={t('npsTitle')}
      empty={t('noAnswers')}
      months={months}
      options={options}
      data={data}
      columns={columns}
      footer={
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
      }
    />
  )
}
