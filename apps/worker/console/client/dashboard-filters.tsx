import { useState } from 'preact/hooks'
import type { MessageKey } from '../messages.ts'
import {
  filterParams,
  monthFrom,
  periodMonths,
  PERIODS,
  TOOLS,
  type DashboardFilter,
} from './dashboard-filter.ts'
import { t } from './i18n.ts'
import { dashboardHref } from './route.ts'

/** Tool and period; a change goes into the URL, which the dashboard reads back. */
export function DashboardFilters(props: { tenantId: string; filter: DashboardFilter }) {
  const { filter } = props
  const go = (next: DashboardFilter) =>
    location.assign(dashboardHref(props.tenantId, filterParams(next)))
  const shown = periodMonths(filter, new Date())
  const [from, setFrom] = useState(filter.from ?? shown.from ?? monthFrom(new Date(), -11))
  const [to, setTo] = useState(filter.to ?? shown.to ?? monthFrom(new Date(), 0))
  return (
    <form
      class="cx-filters"
      data-form="dashboard-filter"
      onSubmit={(e) => {
        e.preventDefault()
        go({ ...filter, period: 'range', from, to })
      }}
    >
      <label>
        {t('tool')}{' '}
        <select
          name="tool"
          value={filter.tool}
          onChange={(e) =>
            go({ ...filter, tool: e.currentTarget.value as DashboardFilter['tool'] })
          }
        >
          {TOOLS.map((tool) => (
            <option key={tool} value={tool}>
              {t(`tool.${tool}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('period')}{' '}
        <select
          name="period"
          value={filter.period}
          onChange={(e) => {
            const period = e.currentTarget.value as DashboardFilter['period']
            go(period === 'range' ? { ...filter, period, from, to } : { ...filter, period })
          }}
        >
          {PERIODS.map((period) => (
            <option key={period} value={period}>
              {t(`period.${period}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      {filter.period === 'range' && (
        <>
          <label>
            {t('fromMonth')}{' '}
            <input
              type="month"
              name="from"
              value={from}
              required
              onInput={(e) => setFrom(e.currentTarget.value)}
            />
          </label>
          <label>
            {t('toMonth')}{' '}
            <input
              type="month"
              name="to"
              value={to}
              required
              onInput={(e) => setTo(e.currentTarget.value)}
            />
          </label>
          <button type="submit">{t('apply')}</button>
        </>
      )}
    </form>
  )
}
