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

/** A connection's state as ops show it: the state, and what an admin should do about it. */
export interface ConnectionLifecycle extends LifecycleState {
  /** What to do now; null while active. */
  action: string | null
}

/** The bits of a connection its lifecycle advice depends on. */
export interface LifecycleSubject {
  id: string
  source: string
  settings: Record<string, unknown>
}

const vendorName = (source: string) => VENDOR_NAMES[source] ?? source
const day = (at: string | null) => (at ? at.slice(0, 10) : 'its retention date')

/** What an admin does about a connection in this state; null while active. */
export function lifecycleAction(
  state: LifecycleState,
  connection: LifecycleSubject,
): string | null {
  const vendor = vendorName(connection.source)
  if (state.state === 'uninstalled') {
    return (
      `Install the ${vendor} app again from /connect (or connect the account again with ` +
      `POST /admin/tenants/{tenantId}/connections) to sync it; otherwise its data is deleted ` +
      `on ${day(state.purgeAfter)}.`
    )
  }
  if (state.state === 'needs_reconnect') {
    return connection.settings.authKind === 'oauth_grant'
      ? `Install the ${vendor} app again from /connect to renew its authorization.`
      : `Give it new ${vendor} credentials (PATCH the connection with auth), or install the ` +
          `${vendor} app from /connect.`
  }
  return null
}

export function connectionLifecycle(
  sql: SqlPort,
  connection: LifecycleSubject,
): ConnectionLifecycle {
  const state = lifecycleOf(sql, connection.id)
  return { ...state, action: lifecycleAction(state, connection) }
}

/** Operations a connection's lifecycle may refuse. */
export type LifecycleGatedOp = 'run' | 'backfill' | 'resume' | 'pause' | 'update'

/** An operation the connection's state forbids: the route answers 409 with this. */
export interface LifecycleRefusal {
  refused: 'lifecycle'
  state: 'needs_reconnect' | 'uninstalled'
  detail: string
  action: string
  purgeAfter: string | null
}

const VERBS: Record<LifecycleGatedOp, string> = {
  run: 'start a run',
  backfill: 'start a backfill',
  resume: 'resume',
  pause: 'pause',
  update: 'change its schedule, limits or credentials',
}

/**
 * Whether the connection's state refuses `op`. An uninstalled connection does nothing until it is
 * installed again: every operation is refused. One that needs reconnecting keeps its schedule
 * (a scheduled poll is how a vendor-side fix is noticed) but refuses a run or backfill asked now:
 * its credentials are known to fail, so the run could only fail; PATCHing new credentials is the fix.
 */
export function lifecycleRefusal(
  sql: SqlPort,
  connection: LifecycleSubject,
  op: LifecycleGatedOp,
): LifecycleRefusal | null {
  const state = connectionLifecycle(sql, connection)
  if (state.state === 'active') return null
  if (state.state === 'needs_reconnect' && op !== 'run' && op !== 'backfill') return null
  const why =
    state.state === 'uninstalled'
      ? `was uninstalled${state.since ? ` on ${state.since}` : ''}; its data is kept until ${state.purgeAfter ?? 'its retention ends'}`
      : `needs reconnecting: ${(state.reason ?? `${vendorName(connection.source)} refuses its credentials`).replace(/\.$/, '')}`
  return {
    refused: 'lifecycle',
    state: state.state,
    detail: `Connection ${connection.id} ${why}. It cannot ${VERBS[op]} in this state.`,
    action: state.action!,
    purgeAfter: state.purgeAfter,
  }
}
