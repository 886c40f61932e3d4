import type { SqlPort, TenantStore } from '../../../core/store/index.ts'
import {
  DERIVE_MAX_PEOPLE,
  DERIVE_MAX_WORK_MS,
  derivePendingPaced,
} from '../../../core/sync/derive.ts'
import { SLICE_MAX_RECORDS } from '../../../core/sync/run-slice.ts'
import type { Alerts } from './alerts.ts'
import type { Connections } from './connections.ts'
import type { Lifecycle } from './lifecycle.ts'
import { credentialVerdict, noteCredentialVerdict } from './lifecycle-state.ts'
import { derivePause } from './derive-pace.ts'
import type { TenantKeys } from './keys.ts'
import { log } from '../log.ts'
import { runForSlice } from './connection-ops.ts'
import { nextScheduledRun } from './ops-schedule.ts'
import { pendingRefresh } from './refresh.ts'
import { logSlice } from './run-log.ts'
import { failRun, recordRunSlice } from './runs.ts'
import { dueSchedules, earliestRun, recordSlice } from './scheduler.ts'
import type { SliceLimits, SliceSummary, SyncRunner } from './sync-runner.ts'

/** A slice that failed outright (bad credentials, vendor down) waits this long before the next try. */
const FAILURE_BACKOFF_MS = 60_000

type Due = ReturnType<typeof dueSchedules>[number]

export interface AlarmDeps {
  store: TenantStore
  sql: SqlPort
  storage: DurableObjectStorage
  keys: TenantKeys
  connections: Connections
  runner: SyncRunner
  limits: SliceLimits
  /** Retention: purges past it come first in a pass, and bring the alarm back when due. */
  lifecycle?: Lifecycle
  /** Delivers the store's alert outbox; optional so tests of syncing alone can leave it out. */
  alerts?: Pick<Alerts, 'nextDue' | 'deliver'>
  now?: () => number
}

/**
 * The tenant's alarm: when it should run next, and one pass of work when it does (a bounded derive,
 * then one bounded slice per due connection, the connections side by side so one vendor's waits
 * and retries never hold up another's). A slice commits page by page, so a crash loses at most one
 * uncommitted page.
 */
export class Alarm {
  private running = false

  private readonly deps: AlarmDeps

  constructor(deps: AlarmDeps) {
    this.deps = deps
  }

  private now(): number {
    return (this.deps.now ?? Date.now)()
  }

  /** When the alarm should next run: now while people wait for a derive, else the earliest due connection. */
  private nextWork(): number | null {
    const runs = earliestRun(this.deps.sql)
    const purge = this.deps.lifecycle?.nextPurgeMs() ?? null
    const alerts = this.deps.alerts?.nextDue(this.now()) ?? null
    const times = [runs, purge, alerts].filter((t): t is number => t !== null)
    const due = times.length > 0 ? Math.min(...times) : null
    if (this.deps.store.countPendingDerive() === 0) return due
    return Math.min(due ?? Infinity, this.now())
  }

  /** Re-arms the alarm at the earliest pending work (the cron watchdog calls this too). */
  async arm(): Promise<number | null> {
    const next = this.nextWork()
    if (next === null) return null
    const current = await this.deps.storage.getAlarm()
    if (current === null || current > next) await this.deps.storage.setAlarm(next)
    return next
  }

  /**
   * One pass, then re-arm: at once when a connection has more to fetch or people wait for a
   * derive, otherwise at the next scheduled time. One pass at a time: a second alarm delivery (a
   * test driver, a retry) leaves the running pass to re-arm when it ends.
   */
  async run(): Promise<void> {
    const tenantId = this.deps.keys.tenantId()
    if (this.running || !tenantId) return
    this.running = true
    try {
      await this.pass(tenantId)
    } finally {
      this.running = false
    }
  }

  private async pass(tenantId: string): Promise<void> {
    const { store, sql } = this.deps
    // Retention first: a purged tenant has nothing left to sync or derive.
    if ((await this.deps.lifecycle?.enforceRetention()) === 'tenant_purged') return
    const started = this.now()
    // Derive work first (a settings change, a crash between a page and its derive), bounded and in
    // short batches: a lookup arriving meanwhile waits for one batch, not the whole derive.
    // One pass derives DERIVE_MAX_PEOPLE at most: half here when connections are due, the rest
    // shared by their slices (which derive what their pages queued).
    const due = dueSchedules(sql, started)
    // Between batches the derive lets lookups in, and rests while they keep coming (derive-pace.ts).
    const pause = derivePause(store, () => this.now())
    const derived = await derivePendingPaced(store, {
      now: started,
      maxPeople: due.length > 0 ? DERIVE_MAX_PEOPLE / 2 : DERIVE_MAX_PEOPLE,
      maxWorkMs: due.length > 0 ? DERIVE_MAX_WORK_MS / 2 : DERIVE_MAX_WORK_MS,
      pause,
    })
    // One pass's work budget, shared: two vendors' slices together cost what one alone would.
    const share = {
      ...this.deps.limits,
      pause,
      maxRecords: Math.ceil(SLICE_MAX_RECORDS / Math.max(1, due.length)),
      maxDerivePeople: Math.ceil(
        Math.max(0, DERIVE_MAX_PEOPLE - derived.people) / Math.max(1, due.length),
      ),
      // The other half of the derive's time, over the slices' start and end derives.
      maxDeriveMs: Math.ceil(DERIVE_MAX_WORK_MS / 4 / Math.max(1, due.length)),
    }
    const work = await Promise.all(due.map((d) => this.slice(tenantId, d, share)))
    // Alerts the derives above raised (and retries that are due), after the syncs' writes.
    try {
      await this.deps.alerts?.deliver(tenantId, () => this.now())
    } catch (err) {
      // Attempts already made are recorded; the rest wait for the next pass.
      const message = err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'
      log('error', 'alert_delivery_failed', { tenantId, message })
    }
    const next = this.nextWork()
    if (next !== null) await this.deps.storage.setAlarm(Math.max(next, this.now()))
    // workerd's clock moves on I/O only: read after the awaited write, it includes the pass's CPU.
    log('debug', 'alarm_pass', {
      tenantId,
      wallMs: this.now() - started,
      slices: due.length,
      pages: sum(work, 'pages'),
      records: sum(work, 'records'),
      derivedPeople: derived.people + sum(work, 'derivedPeople'),
      deriveQueued: store.countPendingDerive(),
      // Re-derives a running backfill holds for its end (core/sync/run-slice.ts).
      deriveDeferred: store.countDeferredDerive(),
    })
  }

  /** One bounded slice of a due connection, recorded; a failure is recorded and backed off. */
  private async slice(tenantId: string, due: Due, limits: SliceLimits): Promise<SliceWork | null> {
    const { store, sql, connections, runner } = this.deps
    const connection = store.getConnection(due.connectionId)
    if (!connection?.credentials) return null
    const startedAt = this.now()
    const runId = runForSlice(sql, store, connection.id, startedAt)
    const ids = { tenantId, connectionId: connection.id, runId }
    try {
      const auth = await connections.openAuth(tenantId, connection)
      const result = await runner.runSlice(connection, auth, limits)
      // Done: next scheduled poll. More to fetch: at once, or when the vendor's limit lets us.
      // A webhook refresh this slice started too early for brings the alarm back at its time.
      const nextRunMs = result.done
        ? Math.min(
            nextScheduledRun(sql, connection.id, due.everyMinutes, startedAt, this.now()),
            pendingRefresh(sql, connection.id, startedAt) ?? Infinity,
          )
        : Math.max(this.now(), result.retryAt ?? 0)
      recordSlice(sql, connection.id, {
        atMs: startedAt,
        done: result.done,
        requests: result.requests,
        error: result.errors.length > 0 ? result.errors.join('; ').slice(0, 1000) : null,
        nextRunMs,
      })
      const states = store.streamStates(connection.id)
      recordRunSlice(sql, runId, { ...result, states, nowMs: this.now() })
      logSlice(ids, result)
      const verdict = credentialVerdict(result.errors, result.requests)
      noteCredentialVerdict(sql, connection.id, verdict, this.now(), connection.source)
      return result.work
    } catch (err) {
      // Context only (tenant, connection, run, error class and message): no credential is logged.
      const message = err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'
      log('error', 'slice_failed', { ...ids, message })
      failRun(sql, store, runId, message, this.now())
      const verdict = credentialVerdict([message], 0)
      noteCredentialVerdict(sql, connection.id, verdict, this.now(), connection.source)
      recordSlice(sql, connection.id, {
        atMs: startedAt,
        done: false,
        requests: 0,
        error: message,
        nextRunMs: this.now() + FAILURE_BACKOFF_MS,
      })
      return null
    }
  }
}

type SliceWork = SliceSummary['work']

const sum = (work: (SliceWork | null)[], key: keyof SliceWork) =>
  work.reduce((total, w) => total + (w?.[key] ?? 0), 0)
