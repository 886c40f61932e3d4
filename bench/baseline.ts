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
export async function runBaseline(options: BaselineOptions): Promise<BaselineResult> {
  let requests = 0
  let retried429 = 0
  const transportFn = async (uri: string, init: RequestInit) => {
    for (;;) {
      await options.budget.acquire([], { endpoint: 'baseline' })
      requests++
      const response = await fetch(uri, {
        method: init.method,
        headers: init.headers,
        body: init.body ?? null,
      })
      if (response.status !== 429) return response
      retried429++
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

  const started = performance.now()
  const tickets = (await client.tickets.list()) as unknown as { id: number }[]
  const listMs = performance.now() - started
  const listRequests = requests
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
    metricsRequests: requests - listRequests,
    metricsOk,
    metricsMs,
    metricsSkipped: listed.length - targets.length,
    retried429,
    wallMs: performance.now() - started,
  }
}
