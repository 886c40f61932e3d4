import type { Connection, TenantStore } from '../../../core/store/index.ts'
import { createHttpClient } from '../../../core/sync/http.ts'
import { createRateBudget, type Clock, type RateBudget } from '../../../core/sync/rate-budget.ts'
import { runSlice } from '../../../core/sync/run-slice.ts'
import type { Connector } from '../../../core/sync/types.ts'
import { connectorFor as vendorConnector } from '../../../connectors/index.ts'
import type { ConnectionCredentials } from './grants.ts'
import { settingsOf } from './connection-summary.ts'
import { meteredClock, startSliceMeter, type MeteredClock, type SliceMetrics } from './run-meter.ts'

export interface SliceLimits {
  maxRequests: number
  maxMillis: number
  /** A share of the pass's work budget (alarm.ts): items committed, people derived. */
  maxRecords?: number
  maxDerivePeople?: number
  maxDeriveMs?: number
  /** Between derive batches (alarm.ts: rests while lookups come in). */
  pause?: (batchMs: number) => Promise<number | void>
}

export interface SliceSummary {
  done: boolean
  requests: number
  /** A rate-limited stream may run again then (ms); null when nothing is parked. */
  retryAt: number | null
  /** Per-stream failures of the slice (`stream: message`), already recorded in stream states. */
  errors: string[]
  /** Per-stream records, pages and requests, 429s and time waited (the run history adds them up). */
  metrics: SliceMetrics
  /** Pages and items committed and people derived: what the slice's work budget counted. */
  work: { pages: number; records: number; derivedPeople: number }
}

const DEFAULT_LIMITS: SliceLimits = { maxRequests: 50, maxMillis: 20_000 }

/** Slice bounds from the environment (`CXLENS_SLICE_MAX_REQUESTS`, `CXLENS_SLICE_MAX_MILLIS`). */
export function sliceLimits(env: Partial<CxlensSecrets>): SliceLimits {
  const positive = (text: string | undefined, fallback: number) => {
    const n = Number(text)
    return text && Number.isInteger(n) && n > 0 ? n : fallback
  }
  return {
    maxRequests: positive(env.CXLENS_SLICE_MAX_REQUESTS, DEFAULT_LIMITS.maxRequests),
    maxMillis: positive(env.CXLENS_SLICE_MAX_MILLIS, DEFAULT_LIMITS.maxMillis),
  }
}

const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

/**
 * Runs bounded slices for a tenant's connections. Keeps one rate budget per vendor account for the
 * life of the tenant object, so every slice draws from it, whatever made it due (its schedule, a
 * run requested now, a webhook's refresh).
 */
export class SyncRunner {
  private readonly store: TenantStore
  private readonly budgets = new Map<string, RateBudget>()
  private readonly clock: Clock
  /** Each account's running slice's clock: a budget's sleeps count for that slice's meter only. */
  private readonly sliceClocks = new Map<string, MeteredClock>()

  constructor(store: TenantStore, clock: Clock = realClock) {
    this.store = store
    this.clock = clock
  }

  /** Drops an account's budget (its connection is gone; a new one may bring other limits). */
  forget(source: string, account: string): void {
    this.budgets.delete(`${source}:${account}`)
  }

  async runSlice(
    connection: Connection,
    auth: ConnectionCredentials,
    limits: SliceLimits,
  ): Promise<SliceSummary> {
    // Slices of several connections run at once (alarm.ts): each meters its own waits.
    const clock = meteredClock(this.clock)
    const meter = startSliceMeter(clock)
    const connector = meter.connector(connectorFor(connection, auth))
    const budgetKey = `${connector.source}:${connector.account}`
    let budget = this.budgets.get(budgetKey)
    if (!budget) {
      budget = createRateBudget(connector.rateBuckets, {
        now: () => this.clock.now(),
        sleep: (ms) => (this.sliceClocks.get(budgetKey) ?? this.clock).sleep(ms),
      })
      this.budgets.set(budgetKey, budget)
    }
    this.sliceClocks.set(budgetKey, clock)
    try {
      return await this.slice(connection, connector, budget, clock, meter, limits)
    } finally {
      if (this.sliceClocks.get(budgetKey) === clock) this.sliceClocks.delete(budgetKey)
    }
  }

  private async slice(
    connection: Connection,
    connector: Connector,
    budget: RateBudget,
    clock: MeteredClock,
    meter: ReturnType<typeof startSliceMeter>,
    limits: SliceLimits,
  ): Promise<SliceSummary> {
    // Global fetch, looked up per call so a test interceptor installed later still applies.
    const http = createHttpClient({
      fetch: (input, init) => fetch(input, init),
      budget,
      clock,
      classifyRateLimit: connector.classifyRateLimit,
      onRequest: meter.onRequest,
    })
    const result = await runSlice({
      store: this.store,
      connectionId: connection.id,
      connector,
      http,
      options: { ...limits, now: () => clock.now() },
      // runSlice's derive is bounded like the slice: a long queue drains over alarm passes.
    })
    return {
      done: result.done,
      requests: result.requests,
      retryAt: result.retryAt,
      errors: result.errors.map((e) => `${e.stream}: ${e.message}`),
      metrics: meter.read(),
      work: result.work,
    }
  }
}

/**
 * The vendor's connector for a connection (the registry picks it by source); its settings give the
 * plan limits and the backfill start, which the vendor validates.
 */
export function connectorFor(connection: Connection, auth: ConnectionCredentials): Connector {
  const { limits, startTime } = settingsOf(connection)
  return vendorConnector(connection.source, {
    id: connection.id,
    account: connection.account,
    baseUrl: connection.baseUrl,
    auth,
    ...(limits ? { limits } : {}),
    ...(startTime ? { startTime } : {}),
  })
}
