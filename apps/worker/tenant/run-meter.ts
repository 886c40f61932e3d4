import type { Clock } from '../../../core/sync/rate-budget.ts'
import type { RequestInfo } from '../../../core/sync/http.ts'
import type { Connector } from '../../../core/sync/types.ts'

/** What one slice did, per stream and in rate-limit terms; runs.ts adds it to the run's row. */
export interface SliceMetrics {
  streams: Record<string, { records: number; pages: number; requests: number }>
  /** Responses with status 429. */
  rateLimited: number
  /** Time spent sleeping for the rate budget or a Retry-After/backoff, ms. */
  waitedMs: number
}

/** A clock that adds up every sleep, so a slice can tell how long it waited for vendor limits. */
export interface MeteredClock extends Clock {
  readonly sleptMs: number
}

export function meteredClock(clock: Clock): MeteredClock {
  let slept = 0
  return {
    now: () => clock.now(),
    sleep: (ms) => {
      slept += Math.max(0, ms)
      return clock.sleep(ms)
    },
    get sleptMs() {
      return slept
    },
  }
}

/**
 * Meters one slice: wraps the connector's streams to count pages and records, attributes each
 * request (`onRequest` of the HTTP client) to the stream fetching, and reads the clock's sleeps.
 */
export function startSliceMeter(clock: MeteredClock) {
  const sleptAtStart = clock.sleptMs
  const metrics: SliceMetrics = { streams: {}, rateLimited: 0, waitedMs: 0 }
  let current: string | null = null
  const of = (stream: string) => (metrics.streams[stream] ??= { records: 0, pages: 0, requests: 0 })
  return {
    connector(connector: Connector): Connector {
      return {
        ...connector,
        streams: connector.streams.map((stream) => ({
          ...stream,
          async fetchPage(cursor, ctx) {
            current = stream.name
            of(stream.name)
            const page = await stream.fetchPage(cursor, ctx)
            of(stream.name).pages++
            of(stream.name).records += page.items.length
            return page
          },
        })),
      }
    },
    onRequest(info: RequestInfo): void {
      if (current) of(current).requests++
      if (info.status === 429) metrics.rateLimited++
    },
    read(): SliceMetrics {
      return { ...metrics, waitedMs: clock.sleptMs - sleptAtStart }
    },
  }
}
