import type { UnifiedRecord } from '../../core/model/index.ts'
import type { FetchContext, HttpClient, StreamDefinition } from '../../core/sync/types.ts'

/** Tests only: an HTTP answer the minimal client does not accept, with what a retry policy needs. */
export class StatusError extends Error {
  readonly status: number
  readonly retryAfter: string | null
  readonly body: unknown
  constructor(status: number, endpoint: string, retryAfter: string | null, body: unknown) {
    super(`${endpoint} answered ${status}`)
    this.status = status
    this.retryAfter = retryAfter
    this.body = body
  }
}

/**
 * Tests only: the smallest `HttpClient` over an in-process app (`app.request`): no retries, counts
 * requests by endpoint, and moves a fake clock forward per request so rolling windows see time pass.
 */
export function createAppHttpClient(
  app: { request(url: string, init?: RequestInit): Response | Promise<Response> },
  clock?: { advance(ms: number): void; stepMs: number },
) {
  const byEndpoint: Record<string, number> = {}
  let total = 0
  const http: HttpClient = {
    async json<T>(url: string, init: RequestInit & { endpoint: string; buckets?: string[] }) {
      const { endpoint, buckets: _buckets, ...request } = init
      total++
      byEndpoint[endpoint] = (byEndpoint[endpoint] ?? 0) + 1
      clock?.advance(clock.stepMs)
      const response = await app.request(url, request)
      const body = await response.json()
      if (!response.ok)
        throw new StatusError(response.status, endpoint, response.headers.get('retry-after'), body)
      return body as T
    },
  }
  return { http, stats: () => ({ total, byEndpoint: { ...byEndpoint } }) }
}

export function createFakeClock(start: number) {
  let now = start
  return {
    now: () => now,
    advance: (ms: number) => void (now += ms),
    set: (ms: number) => void (now = ms),
  }
}

/** Runs one stream until it reports `done`, collecting mapped records (no engine, no store). */
export async function drainStream(
  stream: StreamDefinition,
  cursor: string | null,
  ctx: FetchContext,
  maxPages = 10_000,
): Promise<{ cursor: string; records: UnifiedRecord[]; items: number; pages: number }> {
  const records: UnifiedRecord[] = []
  let items = 0
  for (let pages = 1; pages <= maxPages; pages++) {
    const page = await stream.fetchPage(cursor, ctx)
    items += page.items.length
    for (const item of page.items) records.push(...stream.map(item))
    cursor = page.cursor
    if (page.done) return { cursor, records, items, pages }
  }
  throw new Error(`${stream.name}: not done after ${maxPages} pages`)
}
