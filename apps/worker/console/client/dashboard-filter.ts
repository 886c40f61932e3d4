/**
 * The dashboard's filters as they live in the URL (`#/<tenant>/dashboard?tool=zendesk&period=6m`),
 * so a view can be shared and reloaded, and as the dashboards API's query. Pure: unit-tested.
 */
export const TOOLS = ['all', 'zendesk', 'hubspot', 'import'] as const
export type Tool = (typeof TOOLS)[number]
export const PERIODS = ['3m', '6m', '12m', 'all', 'range'] as const
export type Period = (typeof PERIODS)[number]

export interface DashboardFilter {
  tool: Tool
  period: Period
  /** `YYYY-MM`, with period `range` only. */
  from: string | null
  to: string | null
  /** A verbatim theme (`billing`…), passed to the API as `?theme=`. */
  theme: string | null
}

export const DEFAULT_FILTER: DashboardFilter = {
  tool: 'all',
  period: '12m',
  from: null,
  to: null,
  theme: null,
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
const THEME = /^[a-z_]{1,40}$/
const isOneOf = <T extends string>(list: readonly T[], value: string | null): value is T =>
  value !== null && (list as readonly string[]).includes(value)

/** The URL's filter; a value the console does not know falls back to its default. */
export function parseFilter(params: URLSearchParams): DashboardFilter {
  const tool = params.get('tool')
  const period = params.get('period')
  const from = params.get('from')
  const to = params.get('to')
  const theme = params.get('theme')
  const filter: DashboardFilter = {
    tool: isOneOf(TOOLS, tool) ? tool : DEFAULT_FILTER.tool,
    period: isOneOf(PERIODS, period) ? period : DEFAULT_FILTER.period,
    from: from && MONTH.test(from) ? from : null,
    to: to && MONTH.test(to) ? to : null,
    theme: theme && THEME.test(theme) ? theme : null,
  }
  if (filter.period !== 'range') return { ...filter, from: null, to: null }
  // A reversed range reads as the same months the right way round.
  if (filter.from && filter.to && filter.from > filter.to) {
    return { ...filter, from: filter.to, to: filter.from }
  }
  return filter
}

/** The filter for the URL: defaults left out, so the plain dashboard's URL stays short. */
export function filterParams(filter: DashboardFilter): string {
  const params = new URLSearchParams()
  if (filter.tool !== DEFAULT_FILTER.tool) params.set('tool', filter.tool)
  if (filter.period !== DEFAULT_FILTER.period) params.set('period', filter.period)
  if (filter.period === 'range') {
    if (filter.from) params.set('from', filter.from)
    if (filter.to) params.set('to', filter.to)
  }
  if (filter.theme) params.set('theme', filter.theme)
  return params.toString()
}

/** `YYYY-MM` of a UTC month `offset` months from `now`'s. */
export function monthFrom(now: Date, offset: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1))
  return d.toISOString().slice(0, 7)
}

/** The months a period covers: the last N calendar months, this one included (UTC). */
export function periodMonths(filter: DashboardFilter, now: Date): { from?: string; to?: string } {
  switch (filter.period) {
    case '3m':
      return { from: monthFrom(now, -2), to: monthFrom(now, 0) }
    case '6m':
      return { from: monthFrom(now, -5), to: monthFrom(now, 0) }
    case '12m':
      return { from: monthFrom(now, -11), to: monthFrom(now, 0) }
    case 'all':
      return {}
    case 'range':
      return {
        ...(filter.from ? { from: filter.from } : {}),
        ...(filter.to ? { to: filter.to } : {}),
      }
  }
}

/** The dashboards API's query for the filter (`source`, `from`, `to`); no theme (one board's). */
export function boardQuery(filter: DashboardFilter, now: Date): URLSearchParams {
  const params = new URLSearchParams()
  if (filter.tool !== 'all') params.set('source', filter.tool)
  const { from, to } = periodMonths(filter, now)
  if (from) params.set('from', from)
  if (to) params.set('to', to)
  return params
}
