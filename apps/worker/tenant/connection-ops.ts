import { z } from 'zod'
import type { TenantStore } from '../../../core/store/index.ts'
import type { SqlPort } from '../../../core/store/port.ts'
import { renameTenant, rotateApiKey } from './api-key-rotation.ts'
import {
  HubSpotAuthInput,
  HubSpotLimits,
  Schedule,
  ZendeskAuthInput,
  ZendeskLimits,
  type ConnectionAuth,
  type ConnectionSummary,
} from './connection-input.ts'
import { settingsOf, toSummary } from './connection-summary.ts'
import { isCron } from './cron.ts'
import {
  connectionLifecycle,
  lifecycleRefusal,
  markActive,
  type ConnectionLifecycle,
  type LifecycleGatedOp,
  type LifecycleRefusal,
} from './lifecycle-state.ts'
import {
  cronOf,
  pause,
  pausedSince,
  resume,
  setSchedule,
  type ScheduleSpec,
} from './ops-schedule.ts'
import {
  abandonOpenRun,
  currentRunId,
  getRun,
  listRuns,
  openRunRecord,
  type RunRecord,
} from './runs.ts'
import { getSchedule, runNow } from './scheduler.ts'

export const CronSchedule = z.strictObject({
  cron: z
    .string()
    .max(200)
    .refine(isCron, 'a five-field cron expression (minute hour day month weekday), UTC'),
})
export const ScheduleInput = z.union([Schedule, CronSchedule])

/** What ops may change on a connection; each field is optional, at least one is given. */
export const ConnectionPatch = z
  .strictObject({
    schedule: ScheduleInput.optional(),
    limits: z.union([ZendeskLimits, HubSpotLimits]).optional(),
    // What an admin may give: never a stored OAuth grant (only an install makes one).
    auth: z.union([ZendeskAuthInput, HubSpotAuthInput]).optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'give schedule, limits or auth')
export type ConnectionPatch = z.infer<typeof ConnectionPatch>

/** A connection as ops see it: its summary, schedule, pause, and its running and last runs. */
export interface ConnectionStatus {
  connection: ConnectionSummary
  schedule: ScheduleSpec
  paused: boolean
  pausedAt: string | null
  nextRunAt: string | null
  currentRun: RunRecord | null
  lastRun: RunRecord | null
  /** Active, needs_reconnect (with what to do) or uninstalled (with when its data goes). */
  lifecycle: ConnectionLifecycle
}

export type OpsRequest =
  | { op: 'status' }
  | { op: 'connection'; connectionId: string }
  | { op: 'update'; connectionId: string; patch: ConnectionPatch }
  | { op: 'pause'; connectionId: string }
  | { op: 'resume'; connectionId: string }
  | { op: 'run'; connectionId: string }
  | { op: 'sync_now'; connectionId: string }
  | { op: 'backfill'; connectionId: string; since: string }
  | { op: 'runs'; connectionId: string; limit: number }
  | { op: 'current_run'; connectionId: string }
  | { op: 'rename'; name: string }
  | { op: 'rotate_api_key'; graceSeconds: number }

/** Why an operation was refused; the route turns it into a problem. */
export type OpsRefusal =
  | { refused: 'not_found' }
  | { refused: 'paused' }
  | { refused: 'invalid'; field: string; message: string }
  | LifecycleRefusal

export interface RunStarted {
  run: RunRecord
  /** A run was already going: the request joined it instead of starting another. */
  joined: boolean
}

export interface OpsResults {
  status: { tenantId: string; name: string; connections: ConnectionStatus[] }
  connection: ConnectionStatus
  update: ConnectionStatus
  pause: ConnectionStatus
  resume: ConnectionStatus
  run: RunStarted
  sync_now: { connection: ConnectionSummary }
  backfill: RunStarted & { since: string }
  runs: { runs: RunRecord[] }
  current_run: { run: RunRecord | null }
  rename: { tenantId: string; name: string }
  rotate_api_key: { apiKey: string; previousKeyExpiresAt: string }
}

export interface OpsDeps {
  sql: SqlPort
  store: TenantStore
  tenantId: string
  nowMs: number
  /** Encrypts credentials for the connection, as addConnection does. */
  seal(connectionId: string, auth: ConnectionAuth): Promise<Uint8Array>
  /** Drops the account's in-memory rate budget (its limits changed). */
  forgetBudget(source: string, account: string): void
}

const CONNECTION_ID = /^con_[0-9a-z]{20}$/

/** The tenant object's operations RPC: one request in, a result or a refusal out. */
export async function handleOps<R extends OpsRequest>(
  deps: OpsDeps,
  request: R,
): Promise<OpsResults[R['op']] | OpsRefusal> {
  return (await dispatch(deps, request)) as OpsResults[R['op']] | OpsRefusal
}

async function dispatch(deps: OpsDeps, request: OpsRequest): Promise<unknown> {
  const { sql, store, nowMs } = deps
  if (request.op === 'status') {
    const [row] = sql.all<{ name: string }>('SELECT name FROM worker_tenant')
    const connections = store.listConnections().map((c) => connectionStatus(deps, c.id)!)
    return { tenantId: deps.tenantId, name: row?.name ?? '', connections }
  }
  if (request.op === 'rename') {
    renameTenant(sql, request.name)
    return { tenantId: deps.tenantId, name: request.name }
  }
  if (request.op === 'rotate_api_key') {
    return rotateApiKey(sql, deps.tenantId, request.graceSeconds, nowMs)
  }

  const { connectionId } = request
  const connection = CONNECTION_ID.test(connectionId) ? store.getConnection(connectionId) : null
  if (!connection) return { refused: 'not_found' }
  const paused = pausedSince(sql, connectionId) !== null
  // An uninstalled connection (or one whose credentials fail, for a run) refuses work: a run
  // opened now would sync nothing and stay open.
  const gated = GATED[request.op]
  const refusal = gated ? lifecycleRefusal(sql, connection, gated) : null
  if (refusal) return refusal

  switch (request.op) {
    case 'connection':
      return connectionStatus(deps, connectionId)
    case 'update': {
      const { schedule, limits, auth } = request.patch
      const settings = settingsOf(connection)
      if (auth) {
        const input = connection.source === 'hubspot' ? HubSpotAuthInput : ZendeskAuthInput
        if (!input.safeParse(auth).success)
          return invalid('body.auth', `not ${connection.source} credentials`)
      }
      const limitsSchema = connection.source === 'hubspot' ? HubSpotLimits : ZendeskLimits
      if (limits && !limitsSchema.safeParse(limits).success) {
        return invalid('body.limits', `not ${connection.source} plan limits`)
      }
      const credentials = auth ? await deps.seal(connectionId, auth) : connection.credentials
      // New credentials: a connection that needed reconnecting is active again and polls now.
      if (auth) markActive(sql, connectionId, nowMs)
      sql.transaction(() => {
        if (auth || limits) {
          store.putConnection({
            ...connection,
            credentials,
            settings: {
              ...connection.settings,
              ...(auth ? { authKind: auth.kind } : {}),
              ...(limits ? { limits } : { limits: settings.limits }),
            },
          })
        }
        if (schedule) {
          const next = setSchedule(sql, connectionId, schedule, nowMs)
          // A running run goes on; otherwise the new schedule decides the next one.
          if (currentRunId(sql, connectionId) === null) runNow(sql, connectionId, next)
        }
        if (auth && currentRunId(sql, connectionId) === null) runNow(sql, connectionId, nowMs)
      })
      if (limits) deps.forgetBudget(connection.source, connection.account)
      return connectionStatus(deps, connectionId)
    }
    case 'pause':
      pause(sql, connectionId, nowMs)
      return connectionStatus(deps, connectionId)
    case 'resume':
      // Due at once: a paused run goes on from its cursors, an idle one polls.
      if (paused) {
        resume(sql, connectionId)
        runNow(sql, connectionId, nowMs)
      }
      return connectionStatus(deps, connectionId)
    case 'run': {
      if (paused) return { refused: 'paused' }
      const { runId, joined } = openRunRecord(sql, store, connectionId, 'manual', nowMs)
      if (!joined) runNow(sql, connectionId, nowMs)
      return { run: getRun(sql, runId)!, joined }
    }
    case 'sync_now': {
      // The original `POST …/sync`: the same run as `run`, answered with the connection.
      if (paused) return { refused: 'paused' }
      openRunRecord(sql, store, connectionId, 'manual', nowMs)
      runNow(sql, connectionId, nowMs)
      return { connection: toSummary(connection, getSchedule(sql, connectionId)) }
    }
    case 'backfill': {
      if (paused) return { refused: 'paused' }
      abandonOpenRun(sql, store, connectionId, nowMs)
      // Every stream starts over from `since` (Zendesk's start_time; HubSpot reads from the
      // beginning): records are re-read and upserted, nothing stored is deleted.
      if (connection.source === 'zendesk') {
        store.putConnection({
          ...connection,
          settings: { ...connection.settings, startTime: request.since },
        })
      }
      for (const state of store.streamStates(connectionId)) {
        store.saveStreamState(connectionId, state.stream, {
          cursor: null,
          caughtUp: false,
          doneRun: null,
          retryAtMs: null,
          status: 'idle',
        })
      }
      const { runId } = openRunRecord(sql, store, connectionId, 'backfill', nowMs)
      runNow(sql, connectionId, nowMs)
      return { run: getRun(sql, runId)!, joined: false, since: request.since }
    }
    case 'runs':
      return { runs: listRuns(sql, connectionId, request.limit) }
    case 'current_run': {
      const runId = currentRunId(sql, connectionId)
      return { run: runId === null ? null : getRun(sql, runId) }
    }
  }
}

/** Which lifecycle check each connection operation passes (lifecycle-state.ts `lifecycleRefusal`). */
const GATED: Partial<Record<OpsRequest['op'], LifecycleGatedOp>> = {
  update: 'update',
  pause: 'pause',
  resume: 'resume',
  run: 'run',
  sync_now: 'run',
  backfill: 'backfill',
}

const invalid = (field: string, message: string): OpsRefusal => ({
  refused: 'invalid',
  field,
  message,
})

function connectionStatus(deps: OpsDeps, connectionId: string): ConnectionStatus | null {
  const { sql, store } = deps
  const connection = store.getConnection(connectionId)
  if (!connection) return null
  const schedule = getSchedule(sql, connectionId)
  const cron = cronOf(sql, connectionId)
  const pausedMs = pausedSince(sql, connectionId)
  const runId = currentRunId(sql, connectionId)
  const [last] = listRuns(sql, connectionId, 2).filter((r) => r.outcome !== 'running')
  return {
    connection: toSummary(connection, schedule),
    schedule: cron ? { cron } : { everyMinutes: schedule?.everyMinutes ?? 5 },
    paused: pausedMs !== null,
    pausedAt: pausedMs === null ? null : new Date(pausedMs).toISOString(),
    nextRunAt: pausedMs !== null || !schedule ? null : new Date(schedule.nextRunMs).toISOString(),
    currentRun: runId === null ? null : getRun(sql, runId),
    lastRun: last ?? null,
    lifecycle: connectionLifecycle(sql, connection),
  }
}

/** The run a slice due now belongs to, and what triggered it when the slice opens a new one. */
export function runForSlice(
  sql: SqlPort,
  store: TenantStore,
  connectionId: string,
  nowMs: number,
): number {
  const [refresh] = sql.all<{ at: number }>(
    'SELECT refresh_at_ms AS at FROM worker_webhook_refresh WHERE connection_id = ?',
    connectionId,
  )
  const [lastEnd] = sql.all<{ at: number | null }>(
    'SELECT max(ended_ms) AS at FROM worker_run_history WHERE connection_id = ?',
    connectionId,
  )
  const refreshAt = refresh ? Number(refresh.at) : null
  const byWebhook = refreshAt !== null && refreshAt <= nowMs && refreshAt > Number(lastEnd?.at ?? 0)
  return openRunRecord(sql, store, connectionId, byWebhook ? 'webhook' : 'schedule', nowMs).runId
}
