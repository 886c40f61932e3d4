import { describe, expect, it } from 'vitest'
import {
  boardQuery,
  DEFAULT_FILTER,
  filterParams,
  parseFilter,
  periodMonths,
} from './dashboard-filter.ts'
import { parseRoute } from './route.ts'

const parse = (query: string) => parseFilter(new URLSearchParams(query))
const NOW = new Date('2026-02-14T23:30:00Z')

describe('dashboard filter in the URL', () => {
  it('reads tool, period, range and theme, and writes them back the same', () => {
    const filter = parse('tool=hubspot&period=range&from=2025-11&to=2026-01&theme=billing')
    expect(filter).toEqual({
      tool: 'hubspot',
      period: 'range',
      from: '2025-11',
      to: '2026-01',
      theme: 'billing',
    })
    expect(parse(filterParams(filter))).toEqual(filter)
  })

  it('leaves defaults out of the URL and falls back to them for unknown values', () => {
    expect(filterParams(DEFAULT_FILTER)).toBe('')
    expect(parse('tool=salesforce&period=2y&theme=<script>')).toEqual(DEFAULT_FILTER)
    expect(filterParams({ ...DEFAULT_FILTER, tool: 'import' })).toBe('tool=import')
  })

  it('keeps months only with a range, drops malformed ones and orders a reversed range', () => {
    expect(parse('period=6m&from=2025-01&to=2025-02')).toMatchObject({ from: null, to: null })
    expect(parse('period=range&from=2025-13&to=2025-2')).toMatchObject({ from: null, to: null })
    expect(parse('period=range&from=2026-03&to=2025-12')).toMatchObject({
      from: '2025-12',
      to: '2026-03',
    })
  })
})

describe('period to months', () => {
  it('counts this UTC month in the last N months, across a year boundary', () => {
    expect(periodMonths({ ...DEFAULT_FILTER, period: '3m' }, NOW)).toEqual({
      from: '2025-12',
      to: '2026-02',
    })
    expect(periodMonths({ ...DEFAULT_FILTER, period: '12m' }, NOW)).toEqual({
      from: '2025-03',
      to: '2026-02',
    })
    expect(periodMonths({ ...DEFAULT_FILTER, period: 'all' }, NOW)).toEqual({})
    // 23:30 UTC on the last day of a month is still that month, whatever the local zone.
    const lastDay = new Date('2026-01-31T23:30:00Z')
    expect(periodMonths({ ...DEFAULT_FILTER, period: '6m' }, lastDay).to).toBe('2026-01')
  })

  it('becomes the API query: source only for one tool, a half-open range as given', () => {
    expect(boardQuery(DEFAULT_FILTER, NOW).toString()).toBe('from=2025-03&to=2026-02')
    const range = { ...DEFAULT_FILTER, tool: 'zendesk' as const, period: 'range' as const }
    expect(boardQuery({ ...range, from: '2025-06', to: null }, NOW).toString()).toBe(
      'source=zendesk&from=2025-06',
    )
    // The theme is one board's parameter, never sent to every board.
    expect(boardQuery({ ...DEFAULT_FILTER, theme: 'billing' }, NOW).has('theme')).toBe(false)
  })
})

describe('console routes', () => {
  it('tells connections, a connection, the dashboard and a customer apart', () => {
    const t = 'tabcdefghijklmnopqrst'
    expect(parseRoute(`#/${t}`)).toMatchObject({ tenantId: t, page: 'connections' })
    expect(parseRoute(`#/${t}/con_00000000000000000001`)).toMatchObject({
      page: 'connections',
      connectionId: 'con_00000000000000000001',
    })
    const dashboard = parseRoute(`#/${t}/dashboard?tool=zendesk&period=3m`)
    expect(dashboard).toMatchObject({ page: 'dashboard', connectionId: null })
    expect(parseFilter(dashboard.query)).toMatchObject({ tool: 'zendesk', period: '3m' })
    expect(parseRoute(`#/${t}/customers/cus_abc`)).toMatchObject({
      page: 'customer',
      customerId: 'cus_abc',
    })
    expect(parseRoute('')).toMatchObject({ tenantId: null, page: 'connections' })
  })
})
