import type { SqlPort } from '../../../core/store/port.ts'
import { SCHEDULABLE } from './ops-schedule.ts'
import type { SliceOutcome } from './rpc-types.ts'

/** When each connection's next bounded slice is due, and how its last one ended. */
export interface ScheduleRow {
  connectionId: string
  everyMinutes: number
  nextRunMs: number
  lastSlice: SliceOutcome | null
}

type Raw = {
  connection_id: string
  every_minutes: number
  next_run_ms: number
  last_slice_ms: number | null
  last_slice_done: number | null
  last_slice_requests: number | null
  last_error: string | null
}

const fromRaw = (r: Raw): ScheduleRow => ({
  connectionId: r.connection_id,
  everyMinutes: Number(r.every_minutes),
  nextRunMs: Number(r.next_run_ms),
  lastSlice:
    r.last_slice_ms === null
      ? null
      : {
          at: new Date(Number(r.last_slice_ms)).toISOString(),
          done: r.last_slice_done === 1,
          requests: Number(r.last_slice_requests ?? 0),
          error: r.last_error,
        },
})

export function addSchedule(
  sql: SqlPort,
  connectionId: string,
  everyMinutes: number,
  nextRunMs: number,
) {
  sql.run(
    'INSERT INTO worker_schedule (connection_id, every_minutes, next_run_ms) VALUES (?, ?, ?)',
    connectionId,
    everyMinutes,
    nextRunMs,
  )
}

export function getSchedule(sql: SqlPort, connectionId: string): ScheduleRow | null {
  const [row] = sql.all<Raw>('SELECT * FROM worker_schedule WHERE connection_id = ?', connectionId)
  return row ? fromRaw(row) : null
}

export function dueSchedules(sql: SqlPort, nowMs: number): ScheduleRow[] {
  return sql
    .all<Raw>(
      `SELECT * FROM worker_schedule WHERE next_run_ms <= ? AND ${SCHEDULABLE}
       ORDER BY next_run_ms, connection_id`,
      nowMs,
    )
    .map(fromRaw)
}

export function runNow(sql: SqlPort, connectionId: string, nowMs: number): void {
  sql.run('UPDATE worker_schedule SET next_run_ms = ? WHERE connection_id = ?', nowMs, connectionId)
}

export function recordSlice(
  sql: SqlPort,
  connectionId: string,
  outcome: {
    atMs: number
    done: boolean
    requests: number
    error: string | null
    nextRunMs: number
  },
): void {
  sql.run(
    `UPDATE worker_schedule SET last_slice_ms = ?, last_slice_done = ?, last_slice_requests = ?,
       last_error = ?, next_run_ms = ? WHERE connection_id = ?`,
    outcome.atMs,
    outcome.done ? 1 : 0,
    outcome.requests,
    outcome.error,
    outcome.nextRunMs,
    connectionId,
  )
}

export function deleteSchedule(sql: SqlPort, connectionId: string): void {
  sql.run('DELETE FROM worker_schedule WHERE connection_id = ?', connectionId)
}

export function earliestRun(sql: SqlPort): number | null {
  const [row] = sql.all<{ at: number | null }>(
    `SELECT min(next_run_ms) AS at FROM worker_schedule WHERE ${SCHEDULABLE}`,
  )
  return row?.at === null || row?.at === undefined ? null : Number(row.at)
}
