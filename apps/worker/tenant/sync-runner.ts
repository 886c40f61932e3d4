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
  private readonly clock: MeteredClock

  constructor(store: TenantStore, clock: Clock = realClock) {
    this.store = store
    this.clock = meteredClock(clock)
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
    const meter = startSliceMeter(this.clock)
    const connector = meter.connector(connectorFor(connection, auth))
    const budgetKey = `${connector.source}:${connector.account}`
    let budget = this.budgets.get(budgetKey)
    if (!budget) {
      budget = createRateBudget(connector.rateBuckets, this.clock)
      this.budgets.set(budgetKey, budget)
    }
    // Global fetch, looked up per call so a test interceptor installed later still applies.
    const http = createHttpClient({
      fetch: (input, init) => fetch(input, init),
      budget,
      clock: this.clock,
      classifyRateLimit: connector.classifyRateLimit,
      onRequest: meter.onRequest,
    })
    const result = await runSlice({
      store: this.store,
      connectionId: connection.id,
      connector,
      http,
      options: { ...limits, now: () => this.clock.now() },
      // runSlice's derive is bounded like the slice: a long queue drains over alarm passes.
    })
    return {
      done: result.done,
      requests: result.requests,
      retryAt: result.retryAt,
      errors: result.errors.map((e) => `${e.stream}: ${e.message}`),
      metrics: meter.read(),
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
