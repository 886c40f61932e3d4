import type { ComponentChildren } from 'preact'
import type uPlot from 'uplot'
import { formatMonth } from './dashboard-series.ts'
import { locale, t } from './i18n.ts'
import { UPlotChart } from './uplot-chart.tsx'

/** One figure per month in a board's table: its cells carry `data-field` (or `data-kind`). */
export interface MonthColumn<M> {
  key: string
  label: string
  /** A friction kind's column is marked `data-kind` (header and cells), others `data-field`. */
  kind?: boolean
  value: (month: M, index: number) => number | null
  format: (value: number | null) => string
}

/**
 * A dashboard board: its title, the chart (or a line saying there is nothing yet), and the same
 * figures as a table in a `<details>`, for screen readers and tests.
 */
export function MonthBoard<M extends { month: string }>(props: {
  name: string
  title: string
  empty: string
  months: readonly M[]
  options: Omit<uPlot.Options, 'width'>
  data: uPlot.AlignedData
  columns: readonly MonthColumn<M>[]
  /** Rows under the months (a `<tfoot>`'s content), e.g. the whole period. */
  footer?: ComponentChildren
}) {
  const { name, title, months, columns } = props
  const mark = (c: MonthColumn<M>) => (c.kind ? { 'data-kind': c.key } : { 'data-field': c.key })
  return (
    <section class="cx-board" data-board={name}>
      <h2>{title}</h2>
      {months.length === 0 ? (
        <p>{props.empty}</p>
      ) : (
        <figure data-chart={name} aria-label={`${title} ${t('chartHint')}`}>
          <UPlotChart options={props.options} data={props.data} />
        </figure>
      )}
      <details>
        <summary>{t('figures')}</summary>
        <table class="cx-table" data-table={name}>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('month')}</th>
              {columns.map((c) => (
                <th scope="col" key={c.key} {...(c.kind ? { 'data-kind': c.key } : {})}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((m, j) => (
              <tr key={m.month} data-month={m.month}>
                <th scope="row">{formatMonth(m.month, locale)}</th>
                {columns.map((c) => {
                  const value = c.value(m, j)
                  return (
                    <td key={c.key} {...mark(c)} data-value={value ?? ''}>
                      {c.format(value)}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
          {props.footer ? <tfoot>{props.footer}</tfoot> : null}
        </table>
      </details>
    </section>
  )
}
