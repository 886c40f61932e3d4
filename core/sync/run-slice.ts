import { UnifiedRecord } from '../model/index.ts'
import type { QuarantinedItem, StreamStatus, TenantStore } from '../store/index.ts'
import {
  DERIVE_MAX_PEOPLE,
  derivePendingPaced,
  type DeriveBounds,
  type DeriveOptions,
  type DeriveSlice,
} from './derive.ts'
import { RateLimitedError } from './errors.ts'
import type { HttpStats } from './http.ts'
import { redactCredentials } from './redact.ts'
import {
  MapError,
  type Connector,
  type FetchContext,
  type HttpClient,
  type StreamDefinition,
} from './types.ts'

/**
 * A slice's budget. Wall time alone does not bound CPU (a fast vendor returns big pages quickly), so
 * the work is counted too: pages, records and people derived; the final derive is inside the budget.
 */
export interface SliceOptions {
  /** Stop starting pages once this many requests were made in the slice. */
  maxRequests: number
  /** Stop starting pages after this long; no wait (rate budget, backoff) goes past it either. */
  maxMillis: number
  /** Stop starting pages once this many were committed (default: `maxRequests`). */
  maxPages?: number
  /** Stop starting pages once this many vendor items were committed (default `SLICE_MAX_RECORDS`). */
  maxRecords?: number
  /** People derived in the slice at most, its start and end derives together (default 1,000). */
  maxDerivePeople?: number
  /** Each of the slice's two derives stops starting batches after this much work (ms). */
  maxDeriveMs?: number
  /**
   * Awaited between derive batches, given the batch's time (default: a zero timer), so lookups are
   * answered mid-derive.
   */
  pause?: (batchMs: number) => Promise<number | void>
  now?: () => number
}

/** Items committed per slice by default: about 2–3 s of CPU in workerd (bench/workerd.ts). */
export const SLICE_MAX_RECORDS = 5000

const nextTick = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

export interface RunSliceInput {
  store: TenantStore
  connectionId: string
  connector: Connector
  /** With `stats()` (createHttpClient), retries count as requests too. */
  http: HttpClient & { stats?(): HttpStats }
  options: SliceOptions
  /**
   * Re-derives the queued customers at the slice's start and end, within the people left in the
   * budget; defaults to `derivePendingPaced` (a longer queue is left for the caller's next pass).
   */
  derive?: (
    store: TenantStore,
    options: DeriveOptions & DeriveBounds,
  ) => DeriveSlice | Promise<DeriveSlice>
}

export interface SliceResult {
  /** The sync run finished: every stream reached its end (or failed). Otherwise re-arm. */
  done: boolean
  requests: number
  touchedCustomers: string[]
  states: StreamStatus[]
  /** The earliest time a parked (rate-limited) stream may run again, ms. */
  retryAt: number | null
  /** The work the slice did: pages and vendor items committed, people derived. */
  work: { pages: number; records: number; derivedPeople: number }
  errors: { stream: string; message: string }[]
}

/**
 * One bounded slice of a connection's sync run. Each stream goes on from its committed cursor:
 * fetch a page, map and validate it (bad items are quarantined, the rest commits), write records,
 * quarantine, cursor and state in one transaction, until the stream ends or the slice's budget is
 * spent; then re-derive the customers the slice touched. A crash loses at most the page in flight.
 */
export async function runSlice(input: RunSliceInput): Promise<SliceResult> {
  const { store, connectionId, connector, options } = input
  const now = options.now ?? (() => Date.now())
  const pause = options.pause ?? nextTick
  const derive = input.derive ?? ((s, o) => derivePendingPaced(s, { ...o, pause }))
  const deadline = now() + options.maxMillis
  const maxPages = options.maxPages ?? options.maxRequests
  const maxRecords = options.maxRecords ?? SLICE_MAX_RECORDS
  const maxDerive = options.maxDerivePeople ?? DERIVE_MAX_PEOPLE
  const work = { pages: 0, records: 0, derivedPeople: 0 }
  let calls = 0
  const statsBase = input.http.stats?.().total ?? 0
  const spent = () => (input.http.stats ? input.http.stats().total - statsBase : calls)
  const http: HttpClient = {
    json: (url, init) => {
      calls++
      return input.http.json(url, { ...init, deadline: init.deadline ?? deadline })
    },
  }
  const ctx: FetchContext = {
    http,
    now,
    cache: {
      get: (key) => store.getCached(connectionId, key)?.value ?? null,
      set: (key, value) => store.putCached(connectionId, key, value),
    },
  }
  const touched = new Set<string>()
  const errors: SliceResult['errors'] = []
  let retryAt: number | null = null
  let budgetSpent = false

  const deriveTouched = async (cap: number) => {
    const maxPeople = Math.min(cap, maxDerive - work.derivedPeople)
    if (maxPeople <= 0) return
    try {
      const bound = options.maxDeriveMs === undefined ? {} : { maxWorkMs: options.maxDeriveMs }
      const slice = await derive(store, { now: now(), maxPeople, ...bound })
      for (const id of slice.customers) touched.add(id)
      work.derivedPeople += slice.people
    } catch (error) {
      // The page is committed and its people stay queued: the next slice derives them again.
      errors.push({ stream: '(derive)', message: describe(error) })
    }
  }
  // Half the derive budget at the start (a crash's leftovers), the rest for what the pages queue.
  await deriveTouched(Math.ceil(maxDerive / 2))

  // During the connection's backfill its pages defer the re-derive of people who have a view until
  // the first run finishes (store.inBackfill): each is derived about once then, not at every page
  // naming them. People without a view still go first (pendingDerive).
  const deferDerive = store.inBackfill(connectionId)
  const runId = store.openRun(connectionId)
  const stateOf = (name: string) => store.streamStates(connectionId).find((s) => s.stream === name)

  streams: for (const stream of connector.streams) {
    const initial = stateOf(stream.name)
    if (initial?.doneRun === runId) continue
    const parkedUntil = initial?.retryAt ? Date.parse(initial.retryAt) : 0
    if (parkedUntil > now()) {
      retryAt = Math.min(retryAt ?? parkedUntil, parkedUntil)
      continue
    }
    let cursor = initial?.cursor ?? null
    for (;;) {
      const workSpent = work.pages >= maxPages || work.records >= maxRecords
      if (workSpent || spent() >= options.maxRequests || now() >= deadline) {
        budgetSpent = true
        break streams
      }
      const before = spent()
      let page
      try {
        page = await stream.fetchPage(cursor, ctx)
      } catch (error) {
        const at = now()
        const lastError = { atMs: at, message: `${stream.name}: ${describe(error)}` }
        if (error instanceof RateLimitedError) {
          store.saveStreamState(connectionId, stream.name, {
            status: 'backing_off',
            retryAtMs: error.retryAt,
            requests: spent() - before,
            lastError,
          })
          retryAt = Math.min(retryAt ?? error.retryAt, error.retryAt)
        } else {
          store.saveStreamState(connectionId, stream.name, {
            status: 'failed',
            requests: spent() - before,
            lastError,
            doneRun: runId,
          })
        }
        errors.push({ stream: stream.name, message: lastError.message })
        continue streams
      }
      const { records, quarantined, mappedIds } = mapPage(stream, page.items)
      const at = now()
      store.writePage({
        connectionId,
        stream: stream.name,
        records,
        quarantined,
        mappedIds,
        cursor: page.cursor,
        deferDerive,
        state: {
          status: page.done ? 'idle' : 'running',
          ...(page.done ? { caughtUp: true, doneRun: runId } : {}),
          lastSuccessMs: at,
          ...(page.completeUpTo === undefined
            ? {}
            : { lagSeconds: Math.max(0, (at - page.completeUpTo) / 1000) }),
          counts: { fetched: page.items.length },
          requests: spent() - before,
          retryAtMs: null,
          // A committed page ends the episode that set it (a budget wait, a failed page).
          lastError: null,
        },
      })
      work.pages++
      work.records += page.items.length
      cursor = page.cursor
      if (page.done) break
    }
  }

  const ended = store.streamStates(connectionId)
  const done =
    !budgetSpent &&
    connector.streams.every((s) => ended.find((st) => st.stream === s.name)?.doneRun === runId)
  // Before the derive: a finished first run releases the people its backfill deferred.
  if (done) store.finishRun(runId)

  // Once per slice, not per page: during a backfill every page touches most customers again, and
  // the queue committed with each page keeps this crash-safe (a resumed slice drains it first).
  await deriveTouched(maxDerive)

  const states = store.streamStates(connectionId)
  return {
    done,
    requests: spent(),
    touchedCustomers: [...touched].sort(),
    states,
    retryAt,
    errors,
    work,
  }
}

/** Maps and validates each item; an item with any bad record is quarantined whole. */
function mapPage(stream: StreamDefinition, items: unknown[]) {
  const records: UnifiedRecord[] = []
  const quarantined: QuarantinedItem[] = []
  const mappedIds: string[] = []
  for (const raw of items) {
    let vendorId: string
    try {
      vendorId = stream.idOf(raw)
    } catch {
      vendorId = 'unknown'
    }
    try {
      const parsed = stream.map(raw).map((record) => UnifiedRecord.safeParse(record))
      const invalid = parsed.find((p) => !p.success)
      if (invalid && !invalid.success) {
        quarantined.push({ vendorId, reason: schemaReason(invalid.error), raw })
        continue
      }
      for (const p of parsed) if (p.success) records.push(p.data)
      mappedIds.push(vendorId)
    } catch (error) {
      const reason = error instanceof MapError ? error.message : `mapper failed: ${describe(error)}`
      quarantined.push({ vendorId, reason, raw })
    }
  }
  return { records, quarantined, mappedIds }
}

/** Paths and messages only: zod messages do not echo input values. */
function schemaReason(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issues = error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
  return `schema: ${issues.join('; ')}`.slice(0, 300)
}

function describe(error: unknown): string {
  // Redacted before the cut, so a credential half past the 300th character cannot survive.
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return redactCredentials(text).slice(0, 300)
}
