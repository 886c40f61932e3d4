import type { StreamTally } from './cxlens-sync.ts'
import type { HubSpotCounters, TruthRow } from './hubspot-protocol.ts'
import { TARGET_RATIO } from './streams-report.ts'

/** Per-stream request kinds; `assoc` by associated type. */
export interface Parts {
  list: number
  archived: number
  search: number
  pipelines: number
  assoc: Record<string, number>
}

export interface HubSpotRow {
  stream: string
  requests: Parts & { total: number }
  bound: Parts & { total: number }
  /** Records behind each association bound (records with at least one association of that type). */
  withAssociations: Record<string, number>
  sandboxRequests: number
  items: number
  distinct: number
  ratio: number
  pass: boolean
  wallMs: number
  recordsPerSecond: number
}

export const LIST_PAGE = 100
export const SEARCH_PAGE = 200
/** v4 batch read inputs at most (docs: "Associations v4" › batch read). */
export const ASSOC_BATCH = 1000
/** The associations each stream reads (connectors/hubspot/streams/table.ts), and where the truth row keeps the first one. */
export const ASSOCIATIONS: Record<string, { to: string; column: 4 | 5 }[]> = {
  companies: [],
  contacts: [{ to: 'companies', column: 5 }],
  tickets: [
    { to: 'contacts', column: 4 },
    { to: 'companies', column: 5 },
  ],
  feedback_submissions: [
    { to: 'contacts', column: 4 },
    { to: 'tickets', column: 5 },
  ],
}

const total = (p: Parts) =>
  p.list + p.archived + p.search + p.pipelines + Object.values(p.assoc).reduce((a, b) => a + b, 0)

/** What the stream's requests were, by kind, from the bench client's per-phase endpoint counts. */
export function requestParts(stream: string, tally: StreamTally): Parts {
  const phase = (name: string, endpoint: string) => tally.byPhase[name]?.[endpoint] ?? 0
  const list = `GET /crm/v3/objects/${stream}`
  const assoc: Record<string, number> = {}
  for (const { to } of ASSOCIATIONS[stream] ?? [])
    assoc[to] = tally.byEndpoint[`POST /crm/v4/associations/${stream}/${to}/batch/read`] ?? 0
  return {
    list: phase('backfill', list),
    archived: phase('archived', list),
    search: tally.byEndpoint[`POST /crm/v3/objects/${stream}/search`] ?? 0,
    pipelines: tally.byEndpoint['GET /crm/v3/pipelines/tickets'] ?? 0,
    assoc,
  }
}

/** The same requests as the sandbox counted them (its endpoints are per object type). */
export function sandboxRequests(stream: string, counters: HubSpotCounters): number {
  let n = 0
  for (const [endpoint, count] of Object.entries(counters.byEndpoint)) {
    const [, path = ''] = endpoint.split(' ')
    if (
      path === `/crm/v3/objects/${stream}` ||
      path === `/crm/v3/objects/${stream}/search` ||
      path.startsWith(`/crm/v4/associations/${stream}/`) ||
      (stream === 'tickets' && path === '/crm/v3/pipelines/tickets')
    )
      n += count
  }
  return n
}

/**
 * Backfill floor: `max(1, ceil(live / 100))` list pages + `max(1, ceil(archived / 100))` archived
 * list pages + 1 pipelines read for tickets. No association reads: the list endpoint returns
 * associated ids inline (`associations=`), cut short only past 100 per record, which no
 * generated record reaches. Counts come from the sandbox's ground truth, not from the sync.
 */
export function backfillBound(stream: string, rows: TruthRow[]): Parts {
  const live = rows.filter((r) => r[2] === 0)
  const assoc: Record<string, number> = {}
  for (const { to } of ASSOCIATIONS[stream] ?? []) assoc[to] = 0
  return {
    list: Math.max(1, Math.ceil(live.length / LIST_PAGE)),
    archived: Math.max(1, Math.ceil((rows.length - live.length) / LIST_PAGE)),
    search: 0,
    pipelines: stream === 'tickets' ? 1 : 0,
    assoc,
  }
}

/**
 * Incremental floor: `max(1, ceil(changed live records / 200))` searches + per association type
 * `ceil(changed live records / 1000)` v4 batch reads (search returns no associations, and a
 * client cannot know which records have one without asking) + when a sweep is due by the clock,
 * `max(1, ceil(all archived / 100))` pages (the list API cannot filter archived records by time,
 * so a sweep reads them all; deletions and merges are only seen there) + 1 pipelines read when a
 * day has passed since the backfill ended. Both are judged from the bench's clock and the
 * freshness cxlens promises (`ARCHIVED_SWEEP_MS`, `STAGES_MAX_AGE_MS`), never from whether the
 * sync made the request.
 */
export function incrementalBound(
  stream: string,
  changed: Set<string>,
  rows: TruthRow[],
  sweepDue: boolean,
  /** A day has passed since the backfill ended (the latest it read the ticket pipelines). */
  pipelinesDue = false,
): Parts {
  const live = rows.filter((r) => r[2] === 0 && changed.has(r[0]))
  const assoc: Record<string, number> = {}
  for (const { to } of ASSOCIATIONS[stream] ?? []) assoc[to] = Math.ceil(live.length / ASSOC_BATCH)
  const archived = rows.filter((r) => r[2] === 1).length
  return {
    list: 0,
    archived: sweepDue ? Math.max(1, Math.ceil(archived / LIST_PAGE)) : 0,
    search: Math.max(1, Math.ceil(live.length / SEARCH_PAGE)),
    pipelines: stream === 'tickets' && pipelinesDue ? 1 : 0,
    assoc,
  }
}

export function hubspotRow(input: {
  stream: string
  tally: StreamTally
  bound: Parts
  rows: TruthRow[]
  changed?: Set<string>
  counters: HubSpotCounters
}): HubSpotRow {
  const { stream, tally, bound } = input
  const requests = requestParts(stream, tally)
  const withAssociations: Record<string, number> = {}
  for (const { to, column } of ASSOCIATIONS[stream] ?? [])
    withAssociations[to] = input.rows.filter(
      (r) => r[2] === 0 && r[column] !== '' && (!input.changed || input.changed.has(r[0])),
    ).length
  const boundTotal = total(bound)
  const ratio = total(requests) / Math.max(1, boundTotal)
  return {
    stream,
    requests: { ...requests, total: total(requests) },
    bound: { ...bound, total: boundTotal },
    withAssociations,
    sandboxRequests: sandboxRequests(stream, input.counters),
    items: tally.items,
    distinct: tally.distinct,
    ratio,
    pass: ratio <= TARGET_RATIO,
    wallMs: tally.wallMs,
    recordsPerSecond: tally.wallMs > 0 ? tally.distinct / (tally.wallMs / 1000) : 0,
  }
}
