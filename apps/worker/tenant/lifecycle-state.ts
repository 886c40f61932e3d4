import type { SqlPort } from '../../../core/store/port.ts'

/**
 * A connection's lifecycle state (`worker_connection_lifecycle`, migration 0005):
 * - `active`: syncing as scheduled (also what a connection without a row is);
 * - `needs_reconnect`: the vendor refuses its credentials (refresh `invalid_grant`, repeated 401s:
 *   the app was uninstalled at the vendor or access withdrawn); an admin must connect again;
 * - `uninstalled`: stopped for good, tokens revoked; its data is purged after `purgeAfter`.
 */
export type LifecycleStateName = 'active' | 'needs_reconnect' | 'uninstalled'

export interface LifecycleState {
  state: LifecycleStateName
  /** What happened and what to do, written by cxlens (never vendor text with personal data). */
  reason: string | null
  since: string | null
  /** When the connection's data is purged (uninstalled only). */
  purgeAfter: string | null
}

const VENDOR_NAMES: Record<string, string> = { zendesk: 'Zendesk', hubspot: 'HubSpot' }

/** 401s in a row (each slice's calls all refused) before a connection shows `needs_reconnect`. */
export const AUTH_FAILURES_BEFORE_RECONNECT = 3

type Raw = {
  connection_id: string
  state: LifecycleStateName
  reason: string | null
  since_ms: number
  purge_after_ms: number | null
  auth_failures: number
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString())

function row(sql: SqlPort, connectionId: string): Raw | undefined {
  return sql.all<Raw>(
    'SELECT * FROM worker_connection_lifecycle WHERE connection_id = ?',
    connectionId,
  )[0]
}

export function lifecycleOf(sql: SqlPort, connectionId: string): LifecycleState {
  const r = row(sql, connectionId)
  if (!r) return { state: 'active', reason: null, since: null, purgeAfter: null }
  return {
    state: r.state,
    reason: r.reason,
    since: r.state === 'active' ? null : iso(r.since_ms),
    purgeAfter: iso(r.purge_after_ms),
  }
}

function put(
  sql: SqlPort,
  connectionId: string,
  state: LifecycleStateName,
  reason: string | null,
  nowMs: number,
  purgeAfterMs: number | null = null,
): void {
  sql.run(
    `INSERT INTO worker_connection_lifecycle
       (connection_id, state, reason, since_ms, purge_after_ms, auth_failures)
     VALUES (?, ?, ?, ?, ?, 0)
     ON CONFLICT (connection_id) DO UPDATE SET state = excluded.state, reason = excluded.reason,
       since_ms = excluded.since_ms, purge_after_ms = excluded.purge_after_ms, auth_failures = 0`,
    connectionId,
    state,
    reason,
    nowMs,
    purgeAfterMs,
  )
}

/**
 * The vendor refuses this connection's credentials for good: shown on its state with `reason`
 * until an admin reconnects. The token session calls this on a refresh's `invalid_grant`. An
 * uninstalled connection stays uninstalled.
 */
export function markNeedsReconnect(
  sql: SqlPort,
  connectionId: string,
  reason: string,
  nowMs: number,
): void {
  const current = row(sql, connectionId)
  if (current?.state === 'uninstalled' || current?.state === 'needs_reconnect') return
  put(sql, connectionId, 'needs_reconnect', reason.slice(0, 500), nowMs)
}

/** New credentials, or a slice the vendor accepted: back to `active`. */
export function markActive(sql: SqlPort, connectionId: string, nowMs: number): void {
  const current = row(sql, connectionId)
  if (!current || current.state === 'uninstalled') return
  if (current.state === 'active' && current.auth_failures === 0) return
  put(sql, connectionId, 'active', null, nowMs)
}

/**
 * One slice's verdict on the credentials: `refused` (every call got 401, or a refresh
 * `invalid_grant`), `accepted`, or `unknown` (failed for another reason). Enough refusals in a
 * row turn the connection to `needs_reconnect`; an `invalid_grant` does at once.
 */
export function noteCredentialVerdict(
  sql: SqlPort,
  connectionId: string,
  verdict: 'accepted' | 'refused' | 'invalid_grant' | 'unknown',
  nowMs: number,
  sourceLabel: string,
): void {
  if (verdict === 'unknown') return
  if (verdict === 'accepted') return markActive(sql, connectionId, nowMs)
  const vendor = VENDOR_NAMES[sourceLabel] ?? sourceLabel
  const reconnect = `${vendor} refuses this connection's credentials (the app was uninstalled or its access withdrawn there): connect the account again`
  if (verdict === 'invalid_grant') return markNeedsReconnect(sql, connectionId, reconnect, nowMs)
  const current = row(sql, connectionId)
  if (current?.state === 'uninstalled' || current?.state === 'needs_reconnect') return
  const failures = (current?.auth_failures ?? 0) + 1
  if (failures >= AUTH_FAILURES_BEFORE_RECONNECT) {
    return markNeedsReconnect(sql, connectionId, reconnect, nowMs)
  }
  sql.run(
    `INSERT INTO worker_connection_lifecycle (connection_id, state, since_ms, auth_failures)
     VALUES (?, 'active', ?, ?)
     ON CONFLICT (connection_id) DO UPDATE SET auth_failures = excluded.auth_failures`,
    connectionId,
    nowMs,
    failures,
  )
}

export function markUninstalled(
  sql: SqlPort,
  connectionId: string,
  reason: string,
  nowMs: number,
  purgeAfterMs: number,
): void {
  put(sql, connectionId, 'uninstalled', reason, nowMs, purgeAfterMs)
}

export function forgetLifecycle(sql: SqlPort, connectionId: string): void {
  sql.run('DELETE FROM worker_connection_lifecycle WHERE connection_id = ?', connectionId)
}

/** Uninstalled connections with when their data goes, soonest first. */
export function uninstalledConnections(
  sql: SqlPort,
): { connectionId: string; purgeAfterMs: number }[] {
  return sql
    .all<{ connection_id: string; purge_after_ms: number }>(
      `SELECT connection_id, purge_after_ms FROM worker_connection_lifecycle
       WHERE state = 'uninstalled' ORDER BY purge_after_ms, connection_id`,
    )
    .map((r) => ({ connectionId: r.connection_id, purgeAfterMs: Number(r.purge_after_ms) }))
}

/** What a slice's errors say about its credentials (`noteCredentialVerdict`). */
export function credentialVerdict(
  errors: readonly string[],
  requests: number,
): 'accepted' | 'refused' | 'invalid_grant' | 'unknown' {
  if (errors.some((e) => /\binvalid_grant\b/.test(e))) return 'invalid_grant'
  if (errors.length > 0 && errors.every((e) => /\banswered 401\b/.test(e))) return 'refused'
  return errors.length === 0 && requests > 0 ? 'accepted' : 'unknown'
}
