import { useMemo } from 'preact/hooks'
import type uPlot from 'uplot'
import type { NpsBoard } from './dashboard-api.ts'
import { formatNps, monthSeconds, stack } from './dashboard-series.ts'
import { formatNumber, locale, t } from './i18n.ts'
import { barSeries, monthChartOptions } from './month-chart.ts'
import { MonthBoard, type MonthColumn } from './month-board.tsx'

type NpsMonth = NpsBoard['months'][number]

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
