import zendesk from 'node-zendesk'
import type { RateBudget } from '../core/sync/rate-budget.ts'

export interface BaselineResult {
  /** `tickets.list()`: cursor pages of 100 (`page[size]=100`), following `links.next`. */
  listRequests: number
  listMs: number
  /** Ticket ids the list returned. */
  listed: number[]
  /** `ticketmetrics.list(id)` calls made (GET /tickets/{id}/metrics.json), one per listed ticket. */
  metricsRequests: number
  metricsOk: number
  metricsMs: number
  /** Listed tickets whose metrics were not fetched (`--baseline-tickets` below the listed count). */
  metricsSkipped: number
  /** 429 answers the transport waited out (node-zendesk itself does not retry them). */
  retried429: number
  wallMs: number
}

export interface BaselineOptions {
  url: string
  email: string
  token: string
  /** The same time-scaled account budget a careful user would put in front of node-zendesk. */
  budget: RateBudget
  /** Fetch metrics for at most this many listed tickets. */
  maxMetricCalls: number
}

/**
 * The backfill done the way a user would without cxlens: node-zendesk 6's `tickets.list()` (the
 * paginated List Tickets endpoint) then `ticketmetrics.list(id)` for each ticket, sequentially.
 * node-zendesk sends through `transportConfig.transportFn`; ours is Node's fetch (keep-alive) behind
 * the rate budget, and waits out a 429's Retry-After: node-zendesk 6 has no retry, and its
 * `requestAll` ends a walk silently when a page answers 429.
 */
function nodeZendeskClient(options: BaselineOptions) {
  const counts = { requests: 0, retried429: 0 }
  const transportFn = async (uri: string, init: RequestInit) => {
    for (;;) {
      // The export has its own limit (10/min) on top of the account's.
      const buckets = uri.includes('/incremental/') ? ['export'] : []
      await options.budget.acquire(buckets, { endpoint: 'baseline' })
      counts.requests++
      const response = await fetch(uri, {
        method: init.method,
        headers: init.headers,
        body: init.body ?? null,
      })
      if (response.status !== 429) return response
      counts.retried429++
      const seconds = Number(response.headers.get('retry-after') ?? '1')
      await response.body?.cancel()
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, seconds) * 1000))
    }
  }
  const client = zendesk.createClient({
    username: options.email,
    token: options.token,
    endpointUri: `${options.url}/api/v2`,
    transportConfig: {
      transportFn,
      responseAdapter: (response: Response) => ({
        json: () => response.json(),
        status: response.status,
        headers: { get: (name: string) => response.headers.get(name) },
        statusText: response.statusText,
      }),
    },
  } as Parameters<typeof zendesk.createClient>[0])
  return { client, counts }
}

export async function runBaseline(options: BaselineOptions): Promise<BaselineResult> {
  const { client, counts } = nodeZendeskClient(options)
  const started = performance.now()
  const tickets = (await client.tickets.list()) as unknown as { id: number }[]
  const listMs = performance.now() - started
  const listRequests = counts.requests
  const listed = tickets.map((t) => t.id)

  const metricsStart = performance.now()
  const targets = listed.slice(0, options.maxMetricCalls)
  let metricsOk = 0
  for (const id of targets) {
    const { result } = (await client.ticketmetrics.list(id)) as { result: { ticket_id?: number } }
    if (result?.ticket_id === id) metricsOk++
  }
  const metricsMs = performance.now() - metricsStart
  return {
    listRequests,
    listMs,
    listed,
    metricsRequests: counts.requests - listRequests,
    metricsOk,
    metricsMs,
    metricsSkipped: listed.length - targets.length,
    retried429: counts.retried429,
    wallMs: performance.now() - started,
  }
}

export interface CarefulBaselineResult {
  exportRequests: number
  exportMs: number
  /** Ticket ids the export returned (deleted ones included, as `status: "deleted"`). */
  exported: number[]
  deleted: number
  /** `ticketmetrics.listAll()`: List Ticket Metrics, cursor pages of 100. */
  metricsRequests: number
  metricsMs: number
  /** Ticket ids with metrics from the listing (archived tickets are not in it). */
  withMetrics: number[]
  retried429: number
  wallMs: number
}

interface ExportPage {
  tickets: { id: number; status: string }[]
  after_cursor: string | null
  end_of_stream: boolean
}

/**
 * The backfill as a careful node-zendesk 6 user writes it: the incremental ticket export (every
 * ticket, archived ones too, 1,000 a page) then List Ticket Metrics (`ticketmetrics.listAll()`).
 * node-zendesk's `exportCursor(start, cursor)` sends `cursor=undefined` on the first call, which
 * the export refuses: that user sends each page through the same client's `get` with either
 * `start_time` or `cursor`. The listing leaves archived tickets out, so their metrics stay unknown.
 */
export async function runCarefulBaseline(options: BaselineOptions): Promise<CarefulBaselineResult> {
  const { client, counts } = nodeZendeskClient(options)
  const started = performance.now()
  const exported: number[] = []
  const deleted = new Set<number>()
  let position: Record<string, string | number> = { start_time: 0 }
  for (;;) {
    const { result } = (await client.ticketexport.get([
      'incremental',
      'tickets',
      'cursor',
      { ...position, per_page: 1000 },
    ])) as unknown as { result: ExportPage }
    for (const ticket of result.tickets) {
      exported.push(ticket.id)
      if (ticket.status === 'deleted') deleted.add(ticket.id)
    }
    if (result.end_of_stream || result.after_cursor === null) break
    position = { cursor: result.after_cursor }
  }
  const exportMs = performance.now() - started
  const exportRequests = counts.requests
  const metricsStart = performance.now()
  const metrics = (await client.ticketmetrics.listAll()) as unknown as { ticket_id: number }[]
  const metricsMs = performance.now() - metricsStart
  return {
    exportRequests,
    exportMs,
    exported,
    deleted: deleted.size,
    metricsRequests: counts.requests - exportRequests,
    metricsMs,
    withMetrics: metrics.map((m) => m.ticket_id),
    retried429: counts.retried429,
    wallMs: performance.now() - started,
  }
}
