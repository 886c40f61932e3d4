import { hash32 } from './prng.ts'
import type { CrmRecord } from './portal.ts'

export interface SearchFilter {
  propertyName: string
  operator: string
  value?: string | number
  highValue?: string | number
  values?: (string | number)[]
}
export interface SearchRequest {
  filterGroups?: { filters?: SearchFilter[] }[]
  sorts?: ({ propertyName: string; direction?: string } | string)[]
  properties?: string[]
  limit?: number
  after?: string | number
}

/** HubSpot's search limits (docs: "CRM API | Search" › Limitations). */
export const SEARCH_LIMITS = {
  maxLimit: 200,
  maxResults: 10_000,
  maxGroups: 5,
  maxFilters: 18,
  // [unverified] the guide names no cap on IN / NOT_IN values; the sandbox is strict at 100.
  maxValues: 100,
}

export class SearchError extends Error {}

const DATE_PROPERTIES = /date$|^hs_createdate$|^hs_lastmodifieddate$|_timestamp$|^closed_date$/

const parsedDates = new Map<string, number>()

/** Epoch ms of an ISO or epoch-ms string, memoised: a bulk import repeats one value 25,000 times. */
function parseDate(value: string): number {
  let ms = parsedDates.get(value)
  if (ms === undefined) {
    const asNumber = Number(value)
    ms = Number.isFinite(asNumber) ? asNumber : Date.parse(value)
    if (parsedDates.size > 200_000) parsedDates.clear()
    parsedDates.set(value, ms)
  }
  return ms
}

/** Comparable value of a property: datetimes as epoch ms, numbers as numbers, text as text. */
function comparable(name: string, raw: string | number | null | undefined): number | string | null {
  if (raw === null || raw === undefined || raw === '') return null
  if (name === 'hs_object_id') return Number(raw)
  if (DATE_PROPERTIES.test(name)) return parseDate(String(raw))
  return String(raw)
}

function matches(record: CrmRecord, filter: SearchFilter): boolean {
  const name = filter.propertyName
  const actual = comparable(name, record.properties[name])
  const value = comparable(name, filter.value)
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return actual !== null
    case 'NOT_HAS_PROPERTY':
      return actual === null
    case 'EQ':
      return actual !== null && actual === value
    case 'NEQ':
      return actual !== value
    case 'IN':
      return (filter.values ?? []).some((v) => comparable(name, v) === actual)
    case 'NOT_IN':
      return !(filter.values ?? []).some((v) => comparable(name, v) === actual)
    case 'GT':
      return actual !== null && value !== null && actual > value
    case 'GTE':
      return actual !== null && value !== null && actual >= value
    case 'LT':
      return actual !== null && value !== null && actual < value
    case 'LTE':
      return actual !== null && value !== null && actual <= value
    case 'BETWEEN': {
      const high = comparable(name, filter.highValue)
      return actual !== null && value !== null && high !== null && actual >= value && actual <= high
    }
    default:
      throw new SearchError(`Unsupported operator ${filter.operator}`)
  }
}

/**
 * Runs a search over the visible index. Records that tie on the sort key come back in an order
 * that looks arbitrary (a hash of the id), as HubSpot gives no order within ties.
 */
export function runSearch(index: Iterable<CrmRecord>, request: SearchRequest) {
  const limit = request.limit ?? 10
  const offset = Number(request.after ?? 0)
  const groups = request.filterGroups ?? []
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMITS.maxLimit) {
    throw new SearchError(`limit must be between 1 and ${SEARCH_LIMITS.maxLimit}`)
  }
  if (!Number.isInteger(offset) || offset < 0)
    throw new SearchError('after must be a non-negative integer')
  if (offset >= SEARCH_LIMITS.maxResults) {
    throw new SearchError('The maximum number of results for a search query is 10,000.')
  }
  const filterCount = groups.reduce((n, g) => n + (g.filters?.length ?? 0), 0)
  if (groups.length > SEARCH_LIMITS.maxGroups || filterCount > SEARCH_LIMITS.maxFilters) {
    throw new SearchError('Too many filter groups or filters')
  }
  const values = groups.flatMap((g) => g.filters ?? []).map((f) => f.values?.length ?? 0)
  if (values.some((n) => n > SEARCH_LIMITS.maxValues)) {
    throw new SearchError(`A filter takes at most ${SEARCH_LIMITS.maxValues} values`)
  }
  // [unverified] the search guide allows one sort rule per request; the sandbox enforces it.
  if ((request.sorts ?? []).length > 1) throw new SearchError('Only one sort is allowed')
  const sort = request.sorts?.[0]
  const sortName = typeof sort === 'string' ? sort : (sort?.propertyName ?? 'hs_object_id')
  const descending = typeof sort === 'object' && sort.direction === 'DESCENDING'

  const hits = [...index].filter(
    (r) => groups.length === 0 || groups.some((g) => (g.filters ?? []).every((f) => matches(r, f))),
  )
  // Decorate once: parsing dates inside the comparator would parse each one log(n) times.
  const keyed = hits.map((r) => ({
    r,
    key: comparable(sortName, r.properties[sortName]),
    tie: hash32(r.id),
  }))
  keyed.sort((a, b) => {
    if (a.key !== b.key) {
      if (a.key === null) return 1
      if (b.key === null) return -1
      return (a.key < b.key ? -1 : 1) * (descending ? -1 : 1)
    }
    return a.tie - b.tie
  })
  const sorted = keyed.map((k) => k.r)
  const page = sorted.slice(offset, offset + limit)
  const nextOffset = offset + page.length
  return { total: hits.length, page, next: nextOffset < hits.length ? String(nextOffset) : null }
}
