import { RateLimitedError } from './errors.ts'
import type { RateBucket } from './types.ts'

export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
}

export interface AcquireOptions {
  /** Named for the error if the wait cannot happen. */
  endpoint: string
  /** Do not wait past this instant (ms): throw RateLimitedError instead. */
  deadline?: number
  signal?: AbortSignal
}

/**
 * One per vendor account, shared by every caller of that account (syncs, webhook refreshes…).
 * Each bucket is a sliding window (a log of request times); huge windows (daily caps) count in
 * fixed windows so memory stays small.
 */
export interface RateBudget {
  /** Waits (with the clock) until every named bucket has room, then takes one slot in each. */
  acquire(bucketNames: readonly string[], options: AcquireOptions): Promise<void>
  /** A vendor said stop (429): nobody sharing this budget calls before `untilMs`. */
  pauseUntil(untilMs: number): void
  /** Requests currently counted per bucket. */
  usage(): Record<string, number>
  readonly buckets: readonly RateBucket[]
}

const SLIDING_LOG_MAX = 5000
/** Longest a caller sleeps for budget without a deadline; longer waits become RateLimitedError. */
const MAX_WAIT_MS = 5 * 60_000

interface Window {
  bucket: RateBucket
  log: number[]
  fixedStart: number
  fixedCount: number
}

export function createRateBudget(buckets: readonly RateBucket[], clock: Clock): RateBudget {
  const windows = new Map<string, Window>(
    buckets.map((bucket) => [bucket.name, { bucket, log: [], fixedStart: 0, fixedCount: 0 }]),
  )
  let pausedUntil = 0

  const sliding = (w: Window) => w.bucket.limit <= SLIDING_LOG_MAX

  /** 0 when the window has room now, else how long until it has. */
  function waitFor(w: Window, now: number): number {
    if (sliding(w)) {
      while (w.log.length > 0 && (w.log[0] as number) <= now - w.bucket.windowMs) w.log.shift()
      if (w.log.length < w.bucket.limit) return 0
      return (w.log[0] as number) + w.bucket.windowMs - now
    }
    if (now >= w.fixedStart + w.bucket.windowMs) {
      w.fixedStart = now
      w.fixedCount = 0
    }
    return w.fixedCount < w.bucket.limit ? 0 : w.fixedStart + w.bucket.windowMs - now
  }

  function take(w: Window, now: number): void {
    if (sliding(w)) w.log.push(now)
    else w.fixedCount++
  }

  return {
    buckets,
    async acquire(bucketNames, options) {
      const selected = [...new Set(['account', ...bucketNames])].flatMap((name) => {
        const w = windows.get(name)
        return w ? [w] : []
      })
      for (;;) {
        options.signal?.throwIfAborted()
        const now = clock.now()
        const wait = Math.max(pausedUntil - now, ...selected.map((w) => waitFor(w, now)), 0)
        if (wait === 0) {
          for (const w of selected) take(w, now)
          return
        }
        const limit = options.deadline ?? now + MAX_WAIT_MS
        if (now + wait > limit) throw new RateLimitedError(options.endpoint, now + wait, 'budget')
        await clock.sleep(wait)
      }
    },
    pauseUntil(untilMs) {
      pausedUntil = Math.max(pausedUntil, untilMs)
    },
    usage() {
      const now = clock.now()
      return Object.fromEntries(
        [...windows].map(([name, w]) => {
          waitFor(w, now)
          return [name, sliding(w) ? w.log.length : w.fixedCount]
        }),
      )
    },
  }
}
