import type { SqlPort } from '../../../core/store/port.ts'
import { nextCronRun } from './cron.ts'

/** A connection's schedule as ops set it: every N minutes, or a cron expression (UTC). */
export type ScheduleSpec = { everyMinutes: number } | { cron: string }

/** SQL condition on `connection_id`: the connection is not paused (scheduler.ts filters by it). */
export const NOT_PAUSED =
  'connection_id NOT IN (SELECT connection_id FROM worker_connection_ops WHERE paused_ms IS NOT NULL)'

/**
 * SQL condition on `connection_id`: neither paused nor uninstalled, i.e. the alarm may run it
 * (scheduler.ts filters by it). Uninstall drops the schedule row too; this keeps a row that
 * survived (a reinstall racing an uninstall, an older object) from being run.
 */
export const SCHEDULABLE = `${NOT_PAUSED} AND connection_id NOT IN
  (SELECT connection_id FROM worker_connection_lifecycle WHERE state = 'uninstalled')`

type Raw = { cron: string | null; paused_ms: number | null }

function opsRow(sql: SqlPort, connectionId: string): Raw | null {
  return (
    sql.all<Raw>(
      'SELECT cron, paused_ms FROM worker_connection_ops WHERE connection_id = ?',
      connectionId,
    )[0] ?? null
  )
}

export function cronOf(sql: SqlPort, connectionId: string): string | null {
  return opsRow(sql, connectionId)?.cron ?? null
}

export function pausedSince(sql: SqlPort, connectionId: string): number | null {
  const at = opsRow(sql, connectionId)?.paused_ms
  return at === null || at === undefined ? null : Number(at)
}

/**
 * When a connection whose run ended is next due: the cron's next time after now, else the interval
 * after the slice that ended the run.
 */
export function nextScheduledRun(
  sql: SqlPort,
  connectionId: string,
  everyMinutes: number,
  sliceStartMs: number,
  nowMs: number,
): number {
  const cron = cronOf(sql, connectionId)
  const next = cron ? nextCronRun(cron, nowMs) : null
  return next ?? sliceStartMs + everyMinutes * 60_000
}

/** Sets the interval (dropping any cron) or the cron; returns when the next run is due. */
export function setSchedule(
  sql: SqlPort,
  connectionId: string,
  spec: ScheduleSpec,
  nowMs: number,
): number {
  const cron = 'cron' in spec ? spec.cron.trim().split(/\s+/).join(' ') : null
  sql.run(
    `INSERT INTO worker_connection_ops (connection_id, cron) VALUES (?, ?)
     ON CONFLICT (connection_id) DO UPDATE SET cron = excluded.cron`,
    connectionId,
    cron,
  )
  if ('everyMinutes' in spec) {
    sql.run(
      'UPDATE worker_schedule SET every_minutes = ? WHERE connection_id = ?',
      spec.everyMinutes,
      connectionId,
    )
  }
  const everyMinutes = 'everyMinutes' in spec ? spec.everyMinutes : 0
  return cron ? (nextCronRun(cron, nowMs) ?? nowMs) : nowMs + everyMinutes * 60_000
}

export function pause(sql: SqlPort, connectionId: string, nowMs: number): void {
  sql.run(
    `INSERT INTO worker_connection_ops (connection_id, paused_ms) VALUES (?, ?)
     ON CONFLICT (connection_id) DO UPDATE SET paused_ms = coalesce(paused_ms, excluded.paused_ms)`,
    connectionId,
    nowMs,
  )
}

export function resume(sql: SqlPort, connectionId: string): void {
  sql.run('UPDATE worker_connection_ops SET paused_ms = NULL WHERE connection_id = ?', connectionId)
}

export function forgetConnectionOps(sql: SqlPort, connectionId: string): void {
  sql.run('DELETE FROM worker_connection_ops WHERE connection_id = ?', connectionId)
  sql.run('DELETE FROM worker_run_history WHERE connection_id = ?', connectionId)
}
