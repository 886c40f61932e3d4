/** Fixed one-minute windows per bucket, like Zendesk's per-minute limits; `timeScale` shrinks the minute. */
export interface RateLimitOptions {
  /** Requests per minute for the whole account (Enterprise: 700). `false` disables. */
  account?: number | false
  /** Requests per minute for incremental exports (10; 30 with High Volume). `false` disables. */
  incremental?: number | false
  /** 60 makes a minute last one second (benchmarks). */
  timeScale?: number
}

export interface RateDecision {
  allowed: boolean
  limit: number | null
  remaining: number | null
  /** Seconds until the window resets (whole seconds, at least 1). */
  retryAfter: number
  /** Which bucket refused, when refused. */
  bucket: string | null
}

interface Window {
  start: number
  count: number
}

export function createRateLimiter(options: RateLimitOptions, now: () => number) {
  const limits: Record<string, number | false> = {
    account: options.account ?? 700,
    incremental: options.incremental ?? 10,
  }
  const windowMs = 60_000 / (options.timeScale ?? 1)
  const windows = new Map<string, Window>()

  function windowFor(bucket: string, t: number): Window {
    const start = Math.floor(t / windowMs) * windowMs
    let w = windows.get(bucket)
    if (!w || w.start !== start) {
      w = { start, count: 0 }
      windows.set(bucket, w)
    }
    return w
  }

  return {
    /** Draws one request from `account` and the named buckets; refuses without drawing if any is spent. */
    take(buckets: string[]): RateDecision {
      const t = now()
      const names = ['account', ...buckets].filter(
        (b) => limits[b] !== false && limits[b] !== undefined,
      )
      const retryAfter = Math.max(
        1,
        Math.ceil((Math.floor(t / windowMs) * windowMs + windowMs - t) / 1000),
      )
      for (const name of names) {
        if (windowFor(name, t).count >= (limits[name] as number)) {
          return {
            allowed: false,
            limit: limits[name] as number,
            remaining: 0,
            retryAfter,
            bucket: name,
          }
        }
      }
      for (const name of names) windowFor(name, t).count++
      const account = limits.account === false ? null : (limits.account as number)
      return {
        allowed: true,
        limit: account,
        remaining: account === null ? null : account - windowFor('account', t).count,
        retryAfter,
        bucket: null,
      }
    },
    set(next: RateLimitOptions): void {
      if (next.account !== undefined) limits.account = next.account
      if (next.incremental !== undefined) limits.incremental = next.incremental
    },
  }
}
