import { isVendor, revokeStoredAuth, type RevokeOutcome } from '../../../connectors/index.ts'
import type { SqlPort, SubjectQuery, TenantStore } from '../../../core/store/index.ts'
import { derivePendingSlice } from '../../../core/sync/derive.ts'
import { accountKey, type Directory } from '../directory/directory.ts'
import { log } from '../log.ts'
import type { ConnectionSummary } from './connection-input.ts'
import { forgetTenant } from './client.ts'
import type { Connections } from './connections.ts'
import type { Installations } from './installations.ts'
import type { TenantKeys } from './keys.ts'
import {
  forgetLifecycle,
  lifecycleOf,
  markUninstalled,
  uninstalledConnections,
  type LifecycleState,
} from './lifecycle-state.ts'
import { migrateWorker } from './migrations/index.ts'
import { deleteSchedule } from './scheduler.ts'
import { forgetConnectionOps } from './ops-schedule.ts'
import type { SyncRunner } from './sync-runner.ts'
import type { Vendor } from '../../../connectors/index.ts'

export const DEFAULT_RETENTION_DAYS = 30
export const MAX_RETENTION_DAYS = 3650
const DAY_MS = 86_400_000

export interface LifecycleDeps {
  sql: SqlPort
  store: TenantStore
  storage: DurableObjectStorage
  keys: TenantKeys
  connections: Connections
  installations: Installations
  runner: SyncRunner
  /** The global directory: a purged tenant leaves it (null in tests of the module alone). */
  directory: Directory | null
  /** `CXLENS_RETENTION_DAYS`, else 30. */
  defaultRetentionDays: number
  hubspotClient: { clientId: string; clientSecret: string } | null
  now: () => number
}

export interface UninstallResult {
  connection: ConnectionSummary
  lifecycle: LifecycleState
  /** What revoking its tokens at the vendor did; `failed`: revoke it there by hand. */
  revoke: RevokeOutcome | 'failed'
  revokeError?: string
  /** Already uninstalled before this call (nothing revoked again). */
  alreadyUninstalled: boolean
  /** Its data purged now (`purge: 'now'`); otherwise it goes at `lifecycle.purgeAfter`. */
  purged: { records: number; people: number } | null
  /** The directory entry of the account to remove (no other connection or installation uses it). */
  unroute: string | null
}

export interface TenantPurge {
  tenantId: string | null
  connections: number
  revoked: number
}

/** What "the tenant's data" is at the end of retention: see apps/worker/README.md › Data lifecycle. */
export type RetentionOutcome = 'nothing' | 'connections_purged' | 'tenant_purged'

/**
 * Uninstall, retention and purge of a tenant's data, and erasure of one person. Owns
 * `worker_connection_lifecycle` and `worker_retention` (migration 0005); core's tables change only
 * through `TenantStore` (`purgeAccount`, `eraseSubject`).
 */
export class Lifecycle {
  private readonly d: LifecycleDeps

  constructor(deps: LifecycleDeps) {
    this.d = deps
  }

  retentionDays(): number {
    const [row] = this.d.sql.all<{ retention_days: number }>(
      'SELECT retention_days FROM worker_retention WHERE singleton = 1',
    )
    return row ? Number(row.retention_days) : this.d.defaultRetentionDays
  }

  /** New uninstalls keep their data this many days; already uninstalled ones keep their date. */
  setRetentionDays(days: number): number {
    this.d.sql.run(
      `INSERT INTO worker_retention (singleton, retention_days) VALUES (1, ?)
       ON CONFLICT (singleton) DO UPDATE SET retention_days = excluded.retention_days`,
      days,
    )
    return this.retentionDays()
  }

  state(connectionId: string): LifecycleState | null {
    return this.d.connections.get(connectionId) ? lifecycleOf(this.d.sql, connectionId) : null
  }

  /**
   * Stops a connection for good: schedule, pending refresh, ops rows and rate budget go; its tokens
   * are revoked at the vendor and its sealed credentials dropped; the app installation of the same
   * account goes too (the tool is uninstalled). Its records stay until `purgeAfter` (now +
   * retention) unless `purge` is `now`. Idempotent.
   */
  async uninstall(
    connectionId: string,
    purge: 'retention' | 'now',
  ): Promise<UninstallResult | null> {
    const { sql, store, connections } = this.d
    const connection = connections.get(connectionId)
    if (!connection) return null
    const nowMs = this.d.now()
    const before = lifecycleOf(sql, connectionId)
    let revoke: UninstallResult['revoke'] = 'not_oauth'
    let revokeError: string | undefined
    if (before.state !== 'uninstalled') {
      if (connection.credentials) {
        try {
          const tenantId = this.d.keys.requireTenantId('uninstall')
          const auth = await connections.openAuth(tenantId, connection)
          if (!isVendor(connection.source)) throw new Error(`no vendor ${connection.source}`)
          revoke = await revokeStoredAuth(connection.source, auth, {
            baseUrl: connection.baseUrl,
            hubspotClient: this.d.hubspotClient,
          })
        } catch (err) {
          // The uninstall goes on: the credentials are dropped either way; the admin is told.
          revoke = 'failed'
          revokeError =
            err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : 'unknown'
        }
      }
      deleteSchedule(sql, connectionId)
      forgetConnectionOps(sql, connectionId)
      sql.run('DELETE FROM worker_webhook_refresh WHERE connection_id = ?', connectionId)
      this.d.runner.forget(connection.source, connection.account)
      store.putConnection({ ...connection, credentials: null })
      this.d.installations.remove(connection.source as Vendor, connection.account)
      const purgeAfterMs = nowMs + this.retentionDays() * DAY_MS
      markUninstalled(sql, connectionId, 'uninstalled by an admin', nowMs, purgeAfterMs)
      log('info', 'connection_uninstalled', {
        tenantId: this.d.keys.tenantId() ?? undefined,
        connectionId,
        revoke,
      })
    }
    const summary = connections.summary(connectionId)!
    const lifecycle = lifecycleOf(sql, connectionId)
    const purged = purge === 'now' ? this.purgeConnection(connectionId) : null
    const stillUsed = store
      .listConnections()
      .some(
        (c) =>
          c.source === connection.source &&
          c.account === connection.account &&
          lifecycleOf(sql, c.id).state !== 'uninstalled',
      )
    return {
      connection: summary,
      lifecycle: purged ? { ...lifecycle, purgeAfter: new Date(nowMs).toISOString() } : lifecycle,
      revoke: before.state === 'uninstalled' ? 'not_oauth' : revoke,
      ...(revokeError ? { revokeError } : {}),
      alreadyUninstalled: before.state === 'uninstalled',
      purged,
      unroute:
        stillUsed || this.d.installations.has(connection.source as Vendor, connection.account)
          ? null
          : accountKey(connection.source as Vendor, connection.account),
    }
  }

  /**
   * An uninstalled connection's data: every record of its vendor account (and what points at
   * them), its quarantine, cursors, runs and the connection itself; customers are re-derived from
   * what other sources still hold.
   */
  purgeConnection(connectionId: string): { records: number; people: number } | null {
    const { store, connections, sql } = this.d
    const connection = connections.get(connectionId)
    if (!connection) return null
    const purged = store.purgeAccount(connection.source, connection.account)
    connections.delete(connectionId)
    forgetLifecycle(sql, connectionId)
    // Customers that lost people are rebuilt now (bounded; the alarm finishes a big one).
    for (let pass = 0; pass < 20; pass++) {
      if (derivePendingSlice(store, { now: this.d.now() }).remaining === 0) break
    }
    log('info', 'connection_purged', {
      tenantId: this.d.keys.tenantId() ?? undefined,
      connectionId,
      records: purged.records,
    })
    return purged
  }

  /**
   * The whole tenant, at once: every connection uninstalled (tokens revoked), every row of the
   * object and its alarm deleted, then its directory entries. The object is left with its empty
   * schema only (an unnamed tenant: every RPC refuses it). Idempotent.
   */
  async purgeTenant(): Promise<TenantPurge> {
    const tenantId = this.d.keys.tenantId()
    let revoked = 0
    const all = tenantId ? this.d.store.listConnections() : []
    for (const connection of all) {
      const result = await this.uninstall(connection.id, 'retention')
      if (result?.revoke === 'revoked') revoked++
    }
    // Storage first: should the directory step fail, the tenant is still listed and a retry
    // (route or alarm) purges the now empty object again and then unlists it.
    await this.d.storage.deleteAlarm()
    await this.d.storage.deleteAll()
    this.d.store.migrate()
    migrateWorker(this.d.sql, this.d.now())
    if (tenantId && this.d.directory) await this.d.directory.deleteTenant(tenantId)
    if (tenantId) forgetTenant(tenantId)
    if (tenantId) log('info', 'tenant_purged', { tenantId, connections: all.length })
    return { tenantId, connections: all.length, revoked }
  }

  /** When retention next purges something, or null. */
  nextPurgeMs(): number | null {
    return uninstalledConnections(this.d.sql)[0]?.purgeAfterMs ?? null
  }

  /**
   * Retention, from the alarm: when every connection is uninstalled and the last one's retention
   * passed, the whole tenant goes; before that, each uninstalled connection past its retention
   * loses its own account's data only (the other tool's data, imports and settings stay).
   */
  async enforceRetention(): Promise<RetentionOutcome> {
    const nowMs = this.d.now()
    const uninstalled = uninstalledConnections(this.d.sql)
    if (uninstalled.length === 0) return 'nothing'
    const connections = this.d.store.listConnections()
    const ids = new Set(uninstalled.map((u) => u.connectionId))
    const allGone = connections.every((c) => ids.has(c.id))
    if (allGone && uninstalled.every((u) => u.purgeAfterMs <= nowMs)) {
      await this.purgeTenant()
      return 'tenant_purged'
    }
    const due = uninstalled.filter((u) => u.purgeAfterMs <= nowMs)
    for (const { connectionId } of due) this.purgeConnection(connectionId)
    return due.length > 0 ? 'connections_purged' : 'nothing'
  }

  /** GDPR erasure of the person a query names, in both tools (core/store/erase-subject.ts). */
  erase(query: SubjectQuery) {
    const { store } = this.d
    const people = store.findSubject(query)
    const result = store.eraseSubject(people)
    for (let pass = 0; pass < 20; pass++) {
      if (derivePendingSlice(store, { now: this.d.now() }).remaining === 0) break
    }
    log('info', 'subject_erased', { tenantId: this.d.keys.tenantId() ?? undefined, ...result })
    return result
  }
}

/** The lifecycle operations one RPC (`Tenant.lifecycle`) dispatches. */
export type LifecycleRequest =
  | { op: 'uninstall'; connectionId: string; purge: 'retention' | 'now' }
  | { op: 'purge_tenant' }
  | { op: 'erase'; subject: SubjectQuery }
  | { op: 'retention' }
  | { op: 'set_retention'; retentionDays: number }
  | { op: 'state'; connectionId: string }

export interface LifecycleResults {
  uninstall: UninstallResult | null
  purge_tenant: TenantPurge
  erase: ReturnType<Lifecycle['erase']>
  retention: { retentionDays: number }
  set_retention: { retentionDays: number }
  state: LifecycleState | null
}

export async function handleLifecycle<R extends LifecycleRequest>(
  lifecycle: Lifecycle,
  request: R,
): Promise<LifecycleResults[R['op']]> {
  type Result = LifecycleResults[R['op']]
  const r = request as LifecycleRequest
  switch (r.op) {
    case 'uninstall':
      return (await lifecycle.uninstall(r.connectionId, r.purge)) as Result
    case 'purge_tenant':
      return (await lifecycle.purgeTenant()) as Result
    case 'erase':
      return lifecycle.erase(r.subject) as Result
    case 'retention':
      return { retentionDays: lifecycle.retentionDays() } as Result
    case 'set_retention':
      return { retentionDays: lifecycle.setRetentionDays(r.retentionDays) } as Result
    case 'state':
      return lifecycle.state(r.connectionId) as Result
  }
}

/** `CXLENS_RETENTION_DAYS` when it is a whole number of days in range, else 30. */
export function retentionDaysFrom(value: string | undefined): number {
  const days = Number(value)
  return value !== undefined &&
    value.trim() !== '' &&
    Number.isInteger(days) &&
    days >= 0 &&
    days <= MAX_RETENTION_DAYS
    ? days
    : DEFAULT_RETENTION_DAYS
}
