import { refreshTimingOf, type RefreshTiming } from '../../../connectors/index.ts'
import type { SqlPort } from '../../../core/store/port.ts'
import { getSchedule, runNow } from './scheduler.ts'

/** How soon after a vendor event a refresh can see it: each connector states its own timing. */
export const REFRESH_TIMING = {
  zendesk: refreshTimingOf('zendesk'),
  hubspot: refreshTimingOf('hubspot'),
} as const
export type { RefreshTiming }

type Raw = { refresh_at_ms: number; armed: number; coalesced: number }

/**
 * Asks for one slice of the connection that sees a change made at `nowMs`. A pending refresh at P
 * sees every change made before P − visibleAfter, so events until then coalesce into it; the next
 * one arms P' = now + visibleAfter + window. A flood thus costs one refresh per window, and none is
 * lost. The schedule only moves earlier; an earlier slice keeps the refresh pending (`pendingRefresh`).
 */
export function requestRefresh(
  sql: SqlPort,
  connectionId: string,
  nowMs: number,
  timing: RefreshTiming,
): 'armed' | 'coalesced' | 'no_connection' {
  const schedule = getSchedule(sql, connectionId)
  if (!schedule) return 'no_connection'
  const [row] = sql.all<Raw>(
    'SELECT refresh_at_ms, armed, coalesced FROM worker_webhook_refresh WHERE connection_id = ?',
    connectionId,
  )
  if (row && nowMs <= Number(row.refresh_at_ms) - timing.visibleAfterMs) {
    sql.run(
      'UPDATE worker_webhook_refresh SET coalesced = coalesced + 1 WHERE connection_id = ?',
      connectionId,
    )
    return 'coalesced'
  }
  const at = nowMs + timing.visibleAfterMs + timing.windowMs
  sql.run(
    `INSERT INTO worker_webhook_refresh (connection_id, refresh_at_ms, armed) VALUES (?, ?, 1)
     ON CONFLICT (connection_id) DO UPDATE SET refresh_at_ms = excluded.refresh_at_ms,
       armed = armed + 1`,
    connectionId,
    at,
  )
  if (schedule.nextRunMs > at) runNow(sql, connectionId, at)
  return 'armed'
}

/**
 * A refresh a slice that started at `sliceStartMs` may have been too early for: the alarm comes
 * back for it then. Null when there is none.
 */
export function pendingRefresh(sql: SqlPort, connectionId: string, sliceStartMs: number) {
  const [row] = sql.all<Raw>(
    'SELECT refresh_at_ms FROM worker_webhook_refresh WHERE connection_id = ?',
    connectionId,
  )
  const at = row ? Number(row.refresh_at_ms) : null
  return at !== null && at > sliceStartMs ? at : null
}

/** Refreshes armed and events coalesced per connection (ops, tests). */
export function refreshCounts(sql: SqlPort, connectionId: string) {
  const [row] = sql.all<Raw>(
    'SELECT refresh_at_ms, armed, coalesced FROM worker_webhook_refresh WHERE connection_id = ?',
    connectionId,
  )
  return row
    ? {
        refreshAt: new Date(Number(row.refresh_at_ms)).toISOString(),
        armed: Number(row.armed),
        coalesced: Number(row.coalesced),
      }
    : { refreshAt: null, armed: 0, coalesced: 0 }
}
