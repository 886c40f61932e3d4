import type { TenantStore } from '../core/store/index.ts'
import type { CountingHttpClient } from '../core/sync/http.ts'
import type { Clock } from '../core/sync/rate-budget.ts'
import { derivePendingSlice } from '../core/sync/derive.ts'
import { runSlice } from '../core/sync/run-slice.ts'
import type { Connector, StreamDefinition } from '../core/sync/types.ts'

/** What one stream cost in one sync run, measured around its `fetchPage` calls. */
export interface StreamTally {
  /** HTTP requests made inside this stream's fetchPage calls, retries included, by endpoint. */
  requests: number
  byEndpoint: Record<string, number>
  /** The same by the stream's phase at each page (see `phaseOf`). */
  byPhase: Record<string, Record<string, number>>
  pages: number
  /** Items fetched, repeats included. */
  items: number
  /** Distinct vendor ids fetched. */
  distinct: number
  /**
   * Wall time attributed to the stream: from each of its page requests to the next page request
   * of any stream (or the slice's end), so its mapping, write and derive are in.
   */
  wallMs: number
  errors: string[]
}

export interface SyncRun {
  wallMs: number
  slices: number
  /** Slices that ended parked on the rate budget and waited for `retryAt`. */
  parkedWaitMs: number
  streams: Record<string, StreamTally>
  errors: { stream: string; message: string }[]
}

export interface SyncOptions {
  store: TenantStore
  connectionId: string
  connector: Connector
  client: CountingHttpClient
  /** The worker's slice: 50 requests / 20 s (in `clock` ms), re-armed until the run is done. */
  sliceRequests: number
  sliceMillis: number
  maxSlices?: number
  /** The clock runSlice and the parked waits use (default: real time). */
  clock?: Clock
  /** Names a page's phase from the cursor it starts at (default: `all`). */
  phaseOf?: (cursor: string | null) => string
  /** Called after each slice (progress). */
  onSlice?: (slice: number, requests: number) => void
}

/** Runs runSlice in a loop, as the worker's alarm does, until the sync run is done. */
export async function runSync(options: SyncOptions): Promise<SyncRun> {
  const { client } = options
  const tallies: Record<string, StreamTally> = {}
  const ids: Record<string, Set<string>> = {}
  let current: { stream: string; since: number } | null = null
  const settle = (at: number) => {
    if (current) (tallies[current.stream] as StreamTally).wallMs += at - current.since
    current = null
  }

  const wrap = (stream: StreamDefinition): StreamDefinition => {
    const tally: StreamTally = {
      requests: 0,
      byEndpoint: {},
      byPhase: {},
      pages: 0,
      items: 0,
      distinct: 0,
      wallMs: 0,
      errors: [],
    }
    tallies[stream.name] = tally
    const seen = new Set<string>()
    ids[stream.name] = seen
    return {
      ...stream,
      async fetchPage(cursor, ctx) {
        const started = performance.now()
        settle(started)
        current = { stream: stream.name, since: started }
        const before = client.stats()
        const phase = options.phaseOf?.(cursor) ?? 'all'
        try {
          const page = await stream.fetchPage(cursor, ctx)
          tally.pages++
          tally.items += page.items.length
          for (const item of page.items) seen.add(stream.idOf(item))
          tally.distinct = seen.size
          return page
        } catch (error) {
          tally.errors.push(String(error).slice(0, 200))
          throw error
        } finally {
          const after = client.stats()
          tally.requests += after.total - before.total
          for (const [endpoint, n] of Object.entries(after.byEndpoint)) {
            const delta = n - (before.byEndpoint[endpoint] ?? 0)
            if (delta <= 0) continue
            tally.byEndpoint[endpoint] = (tally.byEndpoint[endpoint] ?? 0) + delta
            const inPhase = (tally.byPhase[phase] ??= {})
            inPhase[endpoint] = (inPhase[endpoint] ?? 0) + delta
          }
        }
      },
    }
  }
  const connector: Connector = {
    ...options.connector,
    streams: options.connector.streams.map(wrap),
  }

  const clock = options.clock ?? {
    now: () => Date.now(),
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  }
  const started = performance.now()
  const errors: SyncRun['errors'] = []
  let slices = 0
  let parkedWaitMs = 0
  for (;;) {
    if (slices >= (options.maxSlices ?? 10_000)) throw new Error('sync never finished')
    slices++
    // Each alarm pass starts with one bounded derive, then the slice (which derives at its ends).
    derivePendingSlice(options.store, { now: clock.now() })
    const result = await runSlice({
      store: options.store,
      connectionId: options.connectionId,
      connector,
      http: client,
      options: {
        maxRequests: options.sliceRequests,
        maxMillis: options.sliceMillis,
        now: clock.now,
      },
    })
    settle(performance.now())
    options.onSlice?.(slices, result.requests)
    errors.push(...result.errors)
    if (result.done) {
      // runSlice derives one bounded slice at its start and end; the alarm's further passes drain
      // the rest of the queue the same way before the views are complete.
      while (derivePendingSlice(options.store, { now: clock.now() }).remaining > 0);
      break
    }
    if (result.retryAt !== null && result.retryAt > clock.now()) {
      const wait = result.retryAt - clock.now()
      const realStart = performance.now()
      await clock.sleep(wait)
      parkedWaitMs += performance.now() - realStart
    }
  }
  return { wallMs: performance.now() - started, slices, parkedWaitMs, streams: tallies, errors }
}
