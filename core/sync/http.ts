import pRetry, { AbortError } from 'p-retry'
import { HttpError, NetworkError, RateLimitedError, TransientHttpError } from './errors.ts'
import { createRateBudget, type Clock, type RateBudget } from './rate-budget.ts'
import { parseRetryAfter } from './retry-after.ts'
import type { ClassifyRateLimit, HttpClient, RateBucket } from './types.ts'

export interface RequestInfo {
  endpoint: string
  status: number | null
  attempt: number
}

export interface HttpClientOptions {
  fetch: typeof fetch
  /** Auth and fixed headers; a function is called per request (tokens refresh). */
  headers?:
    Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>)
  /** The account's shared budget; when absent one is made from `rateBuckets`. */
  budget?: RateBudget
  rateBuckets?: RateBucket[]
  clock: Clock
  /** Retries after the first attempt for network errors, 5xx and 429. */
  retries?: number
  /** First backoff step; doubles each retry, capped at `maxBackoffMs`, with jitter. */
  backoffMs?: number
  maxBackoffMs?: number
  random?: () => number
  onRequest?: (info: RequestInfo) => void
  /** The vendor's reading of its 429s (`connector.classifyRateLimit`); default: wait them out. */
  classifyRateLimit?: ClassifyRateLimit | undefined
}

export interface HttpStats {
  total: number
  byEndpoint: Record<string, number>
}

export type CountingHttpClient = HttpClient & { stats(): HttpStats; readonly budget: RateBudget }

const EXCERPT_FIELDS = ['error', 'errorType', 'category', 'policyName', 'message', 'description']

export function createHttpClient(options: HttpClientOptions): CountingHttpClient {
  const { clock } = options
  const budget = options.budget ?? createRateBudget(options.rateBuckets ?? [], clock)
  const retries = options.retries ?? 6
  const backoffMs = options.backoffMs ?? 1000
  const maxBackoffMs = options.maxBackoffMs ?? 60_000
  const random = options.random ?? Math.random
  const stats: HttpStats = { total: 0, byEndpoint: {} }

  const backoff = (attempt: number) =>
    Math.round(Math.min(maxBackoffMs, backoffMs * 2 ** (attempt - 1)) * (0.5 + random() / 2))

  async function json<T>(
    url: string,
    init: RequestInit & { endpoint: string; buckets?: string[]; deadline?: number },
  ): Promise<T> {
    const { endpoint, buckets = [], deadline, ...requestInit } = init
    const signal = requestInit.signal ?? undefined

    const attempt = async (attemptNumber: number): Promise<T> => {
      await budget.acquire(buckets, { endpoint, deadline, signal })
      stats.total++
      stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1
      const headers = new Headers(requestInit.headers)
      const fixed =
        typeof options.headers === 'function' ? await options.headers() : options.headers
      for (const [name, value] of Object.entries(fixed ?? {})) headers.set(name, value)
      if (!headers.has('accept')) headers.set('accept', 'application/json')
      let response: Response
      try {
        response = await options.fetch(url, { ...requestInit, headers })
      } catch (error) {
        options.onRequest?.({ endpoint, status: null, attempt: attemptNumber })
        if (signal?.aborted) throw new AbortError(signal.reason ?? error)
        throw new NetworkError(endpoint, error)
      }
      options.onRequest?.({ endpoint, status: response.status, attempt: attemptNumber })
      if (response.ok) {
        try {
          return (await response.json()) as T
        } catch (error) {
          throw new NetworkError(endpoint, error)
        }
      }
      const body = await response.text().catch(() => '')
      const fields = errorFields(body)
      const excerpt = toExcerpt(fields)
      const now = clock.now()
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now)
      if (response.status === 429) {
        const verdict = options.classifyRateLimit?.(response, body, now) ?? { kind: 'wait' }
        if (verdict.kind === 'park') {
          const retryAt = retryAfterMs === null ? verdict.untilMs : now + retryAfterMs
          budget.pauseUntil(retryAt)
          throw new AbortError(new RateLimitedError(endpoint, retryAt, verdict.policy))
        }
        if (retryAfterMs !== null) budget.pauseUntil(now + retryAfterMs)
        throw new TransientHttpError(429, endpoint, excerpt, retryAfterMs)
      }
      if (response.status >= 500 || response.status === 408) {
        throw new TransientHttpError(response.status, endpoint, excerpt, retryAfterMs)
      }
      throw new AbortError(new HttpError(response.status, endpoint, excerpt))
    }

    return pRetry(attempt, {
      retries,
      // Waits go through the injected clock (and the shared budget), never p-retry's own timers.
      minTimeout: 0,
      maxTimeout: 0,
      randomize: false,
      signal,
      shouldRetry: async ({ error, attemptNumber }) => {
        if (error instanceof TransientHttpError && error.status === 429) {
          if (error.retryAfterMs !== null) {
            // The budget is paused until then: the next acquire waits (or throws past the deadline).
            return true
          }
          // Some vendors omit Retry-After on 429 (HubSpot): back off and share the pause.
          const wait = backoff(attemptNumber)
          budget.pauseUntil(clock.now() + wait)
          return true
        }
        if (!(error instanceof TransientHttpError || error instanceof NetworkError)) return false
        const wait =
          (error instanceof TransientHttpError ? error.retryAfterMs : null) ??
          backoff(attemptNumber)
        if (deadline !== undefined && clock.now() + wait > deadline) return false
        await clock.sleep(wait)
        return true
      },
    })
  }

  return { json, stats: () => structuredClone(stats), budget }
}

function errorFields(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body)
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/** Error codes and messages only, emails masked, at most 200 characters: never a payload. */
function toExcerpt(fields: Record<string, unknown>): string {
  const parts = EXCERPT_FIELDS.flatMap((name) =>
    typeof fields[name] === 'string' ? [`${name}=${fields[name]}`] : [],
  )
  return parts
    .join(' ')
    .replace(/[^\s@]+@[^\s@]+/g, '<email>')
    .slice(0, 200)
}
