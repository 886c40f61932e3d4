import type { SyncRun } from './cxlens-sync.ts'
import type { Counters } from './protocol.ts'

/** The most items one request of the stream's list endpoint can return (Zendesk's caps). */
export const MAX_PAGE: Record<string, number> = {
  organizations: 1000,
  users: 1000,
  tickets: 1000,
  satisfaction_ratings: 100,
  survey_responses: 50,
}

/** The sandbox's counter name of each stream's list endpoint. */
const SANDBOX_ENDPOINT: Record<string, string> = {
  organizations: 'GET /api/v2/incremental/organizations.json',
  users: 'GET /api/v2/incremental/users/cursor.json',
  tickets: 'GET /api/v2/incremental/tickets/cursor.json',
  satisfaction_ratings: 'GET /api/v2/satisfaction_ratings.json',
  survey_responses: 'GET /api/v2/guide/survey_responses',
}
const SANDBOX_SHOW = 'GET /api/v2/guide/{locale}/survey_responses/{id}'
const EXPORTS = new Set(['organizations', 'users', 'tickets'])
export const TARGET_RATIO = 1.05

export interface StreamRow {
  stream: string
  /** Requests to the stream's list endpoint, counted by the bench's HTTP client. */
  requests: number
  /** The same, counted by the sandbox: the two must agree. */
  sandboxRequests: number
  /** Survey show lookups the connector makes for rating scales (not in `requests`). */
  lookups: number
  items: number
  distinct: number
  maxPage: number
  /** Records the ground truth says the phase must read (not what the sync fetched). */
  truth: number
  /** max(1, ceil(truth / maxPage)): see README "Lower bound". */
  lowerBound: number
  ratio: number
  pass: boolean
  wallMs: number
  recordsPerSecond: number
}

/** Per-stream rows of one sync run, cross-checked with the sandbox's counters for the phase. */
export function streamRows(
  run: SyncRun,
  counters: Counters,
  truth: Record<string, number>,
): StreamRow[] {
  return Object.entries(run.streams).map(([stream, tally]) => {
    let requests = 0
    let lookups = 0
    for (const [endpoint, n] of Object.entries(tally.byEndpoint)) {
      if (/\/survey_responses\/[^/]+$/.test(endpoint)) lookups += n
      else requests += n
    }
    const maxPage = MAX_PAGE[stream] ?? 100
    const must = truth[stream] ?? 0
    const lowerBound = Math.max(1, Math.ceil(must / maxPage))
    const ratio = requests / lowerBound
    return {
      stream,
      requests,
      sandboxRequests: counters.byEndpoint[SANDBOX_ENDPOINT[stream] ?? ''] ?? 0,
      lookups: stream === 'survey_responses' ? (counters.byEndpoint[SANDBOX_SHOW] ?? 0) : lookups,
      items: tally.items,
      distinct: tally.distinct,
      maxPage,
      truth: must,
      lowerBound,
      ratio,
      pass: ratio <= TARGET_RATIO,
      wallMs: tally.wallMs,
      recordsPerSecond: tally.wallMs > 0 ? tally.distinct / (tally.wallMs / 1000) : 0,
    }
  })
}

/** Export requests and all requests of a run, for the projection under Zendesk's real limits. */
export function requestMix(rows: StreamRow[]) {
  const exportRequests = rows
    .filter((r) => EXPORTS.has(r.stream))
    .reduce((n, r) => n + r.requests, 0)
  const total = rows.reduce((n, r) => n + r.requests + r.lookups, 0)
  return { exportRequests, total }
}

/**
 * Minutes the requests need at 1× under Zendesk's limits (exports 10/min, account 700/min), if
 * nothing else took time: a projection from request counts, not a measurement.
 */
export function projectedMinutes(
  exportRequests: number,
  total: number,
  limits = { exportPerMin: 10, accountPerMin: 700 },
): number {
  return Math.max(exportRequests / limits.exportPerMin, total / limits.accountPerMin)
}
