import type { StreamStatus, TenantStore } from '../../../core/store/index.ts'
import type { SqlPort } from '../../../core/store/port.ts'
import type { SliceMetrics } from './run-meter.ts'

/** Runs kept per connection; older finished ones are dropped as new ones end. */
export const RUN_HISTORY_LIMIT = 50

export type RunTrigger = 'schedule' | 'manual' | 'webhook' | 'backfill'
export type RunOutcome = 'running' | 'succeeded' | 'partial' | 'failed'

export interface RunStream {
  stream: string
  records: number
  pages: number
  requests: number
  /** The stream reached its end in this run (or failed). */
  done: boolean
  error: string | null
  /** How far behind now the stream's data is (s), when the vendor tells; null otherwise. */
  lagSeconds: number | null
  /** Share of the backlog fetched, 0..1, from the lag's fall since the run first saw it. */
  progress: number | null
  /** Estimated seconds to the stream's end at the rate so far; null when not computable. */
  etaSeconds: number | null
}

/** One sync run: from the slice that opened it until every stream reached its end or it failed. */
export interface RunRecord {
  runId: number
  connectionId: string
  trigger: RunTrigger
  startedAt: string
  endedAt: string | null
  outcome: RunOutcome
  slices: number
  requests: number
  /** Vendor 429 responses. */
  rateLimited: number
  /** Time waited for rate limits and backoff, ms. */
  waitedMs: number
  streams: RunStream[]
  errors: string[]
  /** The whole run's estimate: once every stream has started, the slowest stream's ETA. */
  etaSeconds: number | null
}

interface StoredStream {
  records: number
  pages: number
  requests: number
  done: boolean
  error: string | null
  lag: number | null
  /** The first lag the run saw, and when (ms): the baseline of progress and ETA. */
  lag0: number | null
  lag0Ms: number | null
  lagMs: number | null
}

type Raw = {
  run_id: number
  connection_id: string
  trigger: string
  started_ms: number
  ended_ms: number | null
  outcome: string
  slices: number
  requests: number
  rate_limited: number
  waited_ms: number
  streams: string
  errors: string
}

/**
 * The run a slice of this connection belongs to: the store's open run (created if none), recorded
 * here with what triggered it. A second request while a run is open joins it.
 */
export function openRunRecord(
  sql: SqlPort,
  store: TenantStore,
  connectionId: string,
  trigger: RunTrigger,
  nowMs: number,
): { runId: number; joined: boolean } {
  const runId = store.openRun(connectionId)
  const [existing] = sql.all<{ run_id: number }>(
    'SELECT run_id FROM worker_run_history WHERE run_id = ?',
    runId,
  )
  if (existing) return { runId, joined: true }
  sql.run(
    `INSERT INTO worker_run_history (run_id, connection_id, trigger, started_ms, outcome)
     VALUES (?, ?, ?, ?, 'running')`,
    runId,
    connectionId,
    trigger,
    nowMs,
  )
  return { runId, joined: false }
}

/** Adds one slice's work to its run; ends the run when the slice reached the end of every stream. */
export function recordRunSlice(
  sql: SqlPort,
  runId: number,
  slice: {
    done: boolean
    requests: number
    metrics: SliceMetrics
    states: StreamStatus[]
    errors: string[]
    nowMs: number
  },
): void {
  const row = getRaw(sql, runId)
  if (!row) return
  const streams = JSON.parse(row.streams) as Record<string, StoredStream>
  for (const state of slice.states) {
    const s = (streams[state.stream] ??= {
      records: 0,
      pages: 0,
      requests: 0,
      done: false,
      error: null,
      lag: null,
      lag0: null,
      lag0Ms: null,
      lagMs: null,
    })
    const m = slice.metrics.streams[state.stream]
    if (m) {
      s.records += m.records
      s.pages += m.pages
      s.requests += m.requests
    }
    s.done = state.doneRun === runId
    s.error = s.done && state.status === 'failed' ? (state.lastError?.message ?? 'failed') : null
    if (m && state.lagSeconds !== null) {
      s.lag = state.lagSeconds
      s.lagMs = slice.nowMs
      if (s.lag0 === null) {
        s.lag0 = state.lagSeconds
        s.lag0Ms = slice.nowMs
      }
    }
  }
  const errors = [...(JSON.parse(row.errors) as string[]), ...slice.errors].slice(-20)
  const failed = Object.values(streams).filter((s) => s.error !== null).length
  const outcome: RunOutcome = !slice.done
    ? 'running'
    : failed === 0
      ? 'succeeded'
      : failed === Object.keys(streams).length
        ? 'failed'
        : 'partial'
  sql.run(
    `UPDATE worker_run_history SET slices = slices + 1, requests = requests + ?,
       rate_limited = rate_limited + ?, waited_ms = waited_ms + ?, streams = ?, errors = ?,
       outcome = ?, ended_ms = ? WHERE run_id = ?`,
    slice.requests,
    slice.metrics.rateLimited,
    Math.round(slice.metrics.waitedMs),
    JSON.stringify(streams),
    JSON.stringify(errors),
    outcome,
    slice.done ? slice.nowMs : null,
    runId,
  )
  if (slice.done) trimHistory(sql, row.connection_id)
}

/**
 * A slice that failed before any stream ran (credentials unreadable, connector refused): the run
 * ends failed; the next due time opens a new one from the committed cursors.
 */
export function failRun(
  sql: SqlPort,
  store: TenantStore,
  runId: number,
  message: string,
  nowMs: number,
): void {
  const row = getRaw(sql, runId)
  if (!row) return
  const errors = [...(JSON.parse(row.errors) as string[]), message].slice(-20)
  sql.run(
    `UPDATE worker_run_history SET slices = slices + 1, errors = ?, outcome = 'failed',
       ended_ms = ? WHERE run_id = ?`,
    JSON.stringify(errors),
    nowMs,
    runId,
  )
  store.finishRun(runId)
  trimHistory(sql, row.connection_id)
}

/** Ends an open run as superseded (a backfill restarts the streams); its cursors are discarded. */
export function abandonOpenRun(
  sql: SqlPort,
  store: TenantStore,
  connectionId: string,
  nowMs: number,
) {
  const open = currentRunId(sql, connectionId)
  if (open === null) return
  failRun(sql, store, open, 'superseded by a backfill', nowMs)
}

export function currentRunId(sql: SqlPort, connectionId: string): number | null {
  const [row] = sql.all<{ run_id: number }>(
    `SELECT run_id FROM worker_run_history WHERE connection_id = ? AND outcome = 'running'
     ORDER BY run_id DESC LIMIT 1`,
    connectionId,
  )
  return row ? Number(row.run_id) : null
}

export function getRun(sql: SqlPort, runId: number): RunRecord | null {
  const row = getRaw(sql, runId)
  return row ? toRecord(row) : null
}

export function listRuns(sql: SqlPort, connectionId: string, limit: number): RunRecord[] {
  return sql
    .all<Raw>(
      'SELECT * FROM worker_run_history WHERE connection_id = ? ORDER BY run_id DESC LIMIT ?',
      connectionId,
      limit,
    )
    .map(toRecord)
}

export function deleteRunHistory(sql: SqlPort, connectionId: string): void {
  sql.run('DELETE FROM worker_run_history WHERE connection_id = ?', connectionId)
}

function trimHistory(sql: SqlPort, connectionId: string): void {
  sql.run(
    `DELETE FROM worker_run_history WHERE connection_id = ? AND outcome != 'running' AND run_id <
       (SELECT min(run_id) FROM (SELECT run_id FROM worker_run_history WHERE connection_id = ?
        ORDER BY run_id DESC LIMIT ?))`,
    connectionId,
    connectionId,
    RUN_HISTORY_LIMIT,
  )
}

function getRaw(sql: SqlPort, runId: number): Raw | undefined {
  return sql.all<Raw>('SELECT * FROM worker_run_history WHERE run_id = ?', runId)[0]
}

function toRecord(row: Raw): RunRecord {
  const stored = JSON.parse(row.streams) as Record<string, StoredStream>
  const running = row.outcome === 'running'
  const streams = Object.entries(stored).map(([stream, s]) => toRunStream(stream, s, running))
  const etas = streams.map((s) => s.etaSeconds)
  const allStarted = streams.length > 0 && streams.every((s) => s.pages > 0 || s.done)
  return {
    runId: Number(row.run_id),
    connectionId: row.connection_id,
    trigger: row.trigger as RunTrigger,
    startedAt: new Date(Number(row.started_ms)).toISOString(),
    endedAt: row.ended_ms === null ? null : new Date(Number(row.ended_ms)).toISOString(),
    outcome: row.outcome as RunOutcome,
    slices: Number(row.slices),
    requests: Number(row.requests),
    rateLimited: Number(row.rate_limited),
    waitedMs: Number(row.waited_ms),
    streams,
    errors: JSON.parse(row.errors) as string[],
    etaSeconds: !running
      ? 0
      : allStarted && etas.every((e) => e !== null)
        ? Math.max(0, ...(etas as number[]))
        : null,
  }
}

/**
 * Progress from the stream's lag (how far behind now its cursor is): the share of the first seen lag
 * caught up, and the time left at the catch-up rate so far. Streams without a time cursor have none.
 */
function toRunStream(stream: string, s: StoredStream, running: boolean): RunStream {
  let progress: number | null = s.done ? 1 : null
  let eta: number | null = s.done || !running ? 0 : null
  if (!s.done && s.lag !== null && s.lag0 !== null && s.lag0 > 0) {
    progress = Math.min(1, Math.max(0, 1 - s.lag / s.lag0))
    const elapsed = ((s.lagMs ?? 0) - (s.lag0Ms ?? 0)) / 1000
    const caughtUp = s.lag0 - s.lag + elapsed
    if (running && elapsed > 0 && caughtUp > elapsed) {
      // Vendor seconds covered per wall second, less the wall seconds the data keeps growing.
      eta = Math.round(s.lag / (caughtUp / elapsed - 1))
    }
  }
  return {
    stream,
    records: s.records,
    pages: s.pages,
    requests: s.requests,
    done: s.done,
    error: s.error,
    lagSeconds: s.lag,
    progress,
    etaSeconds: eta,
  }
}
