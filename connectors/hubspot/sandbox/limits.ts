import type { MiddlewareHandler } from 'hono'
import { errorBody } from './serialize.ts'

export interface RateLimitOptions {
  /** Requests per rolling 10 s per token (Professional/Enterprise: 190). */
  tenSecondly: number
  /** Requests per day per token (1,000,000 on Enterprise). */
  daily: number
  /** Search requests per second per token (HubSpot documents about 4–5). */
  searchPerSecond: number
  /** Whether 429s carry `Retry-After`: HubSpot does not always send it. */
  retryAfter: 'always' | 'never' | 'alternate'
}

export const DEFAULT_LIMITS: RateLimitOptions = {
  tenSecondly: 190,
  daily: 1_000_000,
  searchPerSecond: 5,
  retryAfter: 'alternate',
}

interface Usage {
  recent: number[]
  searches: number[]
  day: string
  dailyCount: number
}

/**
 * HubSpot's limits per token: a rolling 10 s window, a daily count, and search's per-second cap.
 * Every response carries `X-HubSpot-RateLimit-*`; a 429 names the policy it hit
 * (docs: "API usage guidelines and limits").
 */
export function hubspotRateLimits(
  options: RateLimitOptions,
  now: () => number,
  counters: { rejected: number },
  /** Which budget a request draws from, by its Authorization header (default: the header). */
  keyOf: (authorization: string) => string = (authorization) => authorization,
): MiddlewareHandler {
  const usage = new Map<string, Usage>()
  let rejections = 0
  return async function rateLimits(c, next) {
    const token = keyOf(c.req.header('authorization') ?? '')
    const at = now()
    const day = new Date(at).toISOString().slice(0, 10)
    const u = usage.get(token) ?? { recent: [], searches: [], day, dailyCount: 0 }
    usage.set(token, u)
    if (u.day !== day) Object.assign(u, { day, dailyCount: 0 })
    u.recent = u.recent.filter((t) => t > at - 10_000)
    u.searches = u.searches.filter((t) => t > at - 1_000)
    const isSearch = c.req.method === 'POST' && c.req.path.endsWith('/search')

    const reject = (policyName: string, message: string, retryMs: number) => {
      counters.rejected++
      const withRetryAfter =
        options.retryAfter === 'always' ||
        (options.retryAfter === 'alternate' && rejections++ % 2 === 0)
      const headers: Record<string, string> = withRetryAfter
        ? { 'Retry-After': String(Math.max(1, Math.ceil(retryMs / 1000))) }
        : {}
      return c.json(
        errorBody('RATE_LIMITS', message, {
          errorType: 'RATE_LIMIT',
          policyName,
          groupName: 'cxlens',
        }),
        429,
        headers,
      )
    }

    c.header('X-HubSpot-RateLimit-Daily', String(options.daily))
    c.header(
      'X-HubSpot-RateLimit-Daily-Remaining',
      String(Math.max(0, options.daily - u.dailyCount)),
    )
    c.header('X-HubSpot-RateLimit-Interval-Milliseconds', '10000')
    c.header('X-HubSpot-RateLimit-Max', String(options.tenSecondly))
    c.header(
      'X-HubSpot-RateLimit-Remaining',
      String(Math.max(0, options.tenSecondly - u.recent.length)),
    )

    if (u.dailyCount >= options.daily) {
      const midnight = Date.parse(`${day}T00:00:00.000Z`) + 86_400_000
      return reject('DAILY', 'You have reached your daily limit.', midnight - at)
    }
    if (u.recent.length >= options.tenSecondly) {
      return reject(
        'TEN_SECONDLY_ROLLING',
        'You have reached your ten_secondly_rolling limit.',
        10_000 - (at - u.recent[0]!),
      )
    }
    if (isSearch && u.searches.length >= options.searchPerSecond) {
      return reject(
        'SECONDLY',
        'You have reached your secondly limit.',
        1_000 - (at - u.searches[0]!),
      )
    }
    u.recent.push(at)
    u.dailyCount++
    if (isSearch) u.searches.push(at)
    c.header(
      'X-HubSpot-RateLimit-Remaining',
      String(Math.max(0, options.tenSecondly - u.recent.length)),
    )
    await next()
  }
}
