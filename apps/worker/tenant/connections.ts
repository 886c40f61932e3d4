import type { Connection, SqlPort, TenantStore } from '../../../core/store/index.ts'
import {
  authSchemaFor,
  DEFAULT_SCHEDULE,
  resolveAccount,
  type ConnectionAuth,
  type ConnectionInput,
  type ConnectionSummary,
} from './connection-input.ts'
import { toSummary, type ConnectionSettings } from './connection-summary.ts'
import type { Installations } from './installations.ts'
import type { ConnectionState, DeletedConnection, QuarantinePage } from './rpc-types.ts'
import { addSchedule, deleteSchedule, getSchedule, runNow } from './scheduler.ts'
import { forgetConnectionOps } from './ops-schedule.ts'
import { forgetLifecycle, lifecycleOf, markActive } from './lifecycle-state.ts'
import { openRunRecord } from './runs.ts'
import { sealContext, type Sealer } from './secrets.ts'
import type { SyncRunner } from './sync-runner.ts'
import type { ConnectionCredentials, OAuthGrants } from './grants.ts'

const CONNECTION_ID = /^con_[0-9a-z]{20}$/

export type AddConnectionResult =
  | { status: 'created'; connection: ConnectionSummary }
  | { status: 'conflict'; connectionId: string }

/**
 * A tenant's vendor connections: the store's `connections` row (credentials sealed to the
 * connection) and the worker's schedule row, created and deleted together.
 */
export class Connections {
  private readonly store: TenantStore
  private readonly sql: SqlPort
  private readonly sealer: Sealer
  private readonly runner: SyncRunner
  private readonly installations: Installations
  /** Set once wired (modules.ts): the sessions of installs' OAuth grants. */
  grants: OAuthGrants | null = null

  constructor(
    store: TenantStore,
    sealer: Sealer,
    runner: SyncRunner,
    installations: Installations,
  ) {
    this.store = store
    this.sql = store.sql
    this.sealer = sealer
    this.runner = runner
    this.installations = installations
  }

  /** A stored connection by a well-formed id, else null. */
  get(connectionId: string): Connection | null {
    return CONNECTION_ID.test(connectionId) ? this.store.getConnection(connectionId) : null
  }

  async add(tenantId: string, input: ConnectionInput, nowMs: number): Promise<AddConnectionResult> {
    const { account, baseUrl } = resolveAccount(input)
    const existing = this.find(input.source, account)
    if (existing && lifecycleOf(this.sql, existing.id).state === 'uninstalled') {
      // Connecting an uninstalled account again reinstalls it: same connection, its data kept.
      await this.reinstall(tenantId, existing.id, input.auth, nowMs)
      const schedule = input.schedule ?? DEFAULT_SCHEDULE
      this.sql.run(
        'UPDATE worker_schedule SET every_minutes = ? WHERE connection_id = ?',
        schedule.everyMinutes,
        existing.id,
      )
      return { status: 'created', connection: this.summary(existing.id)! }
    }
    if (existing) return { status: 'conflict', connectionId: existing.id }
    const settings: ConnectionSettings = {
      authKind: input.auth.kind,
      ...(input.limits ? { limits: input.limits } : {}),
      ...(input.source === 'zendesk' && input.startTime ? { startTime: input.startTime } : {}),
    }
    const schedule = input.schedule ?? DEFAULT_SCHEDULE
    const id = await this.create(tenantId, { source: input.source, account, baseUrl }, input.auth, {
      settings,
      everyMinutes: schedule.everyMinutes,
      nowMs,
    })
    return { status: 'created', connection: this.summary(id)! }
  }

  /** The connection of a vendor account, if this tenant has one. */
  find(source: string, account: string): Connection | null {
    return (
      this.store.listConnections().find((c) => c.source === source && c.account === account) ?? null
    )
  }

  /** A new connection with sealed credentials and its schedule, due now; returns its id. */
  async create(
    tenantId: string,
    target: Pick<Connection, 'source' | 'account' | 'baseUrl'>,
    auth: ConnectionAuth,
    options: { settings: ConnectionSettings; everyMinutes: number; nowMs: number },
  ): Promise<string> {
    const id =
      'con_' +
      [...crypto.getRandomValues(new Uint8Array(20))].map((b) => (b & 31).toString(32)).join('')
    const credentials = await this.sealAuth(tenantId, id, auth)
    this.sql.transaction(() => {
      this.store.putConnection({ id, ...target, credentials, settings: { ...options.settings } })
      addSchedule(this.sql, id, options.everyMinutes, options.nowMs)
    })
    return id
  }

  /** Replaces a connection's sealed credentials (an install's new grant, a refreshed token). */
  async replaceAuth(tenantId: string, connectionId: string, auth: ConnectionAuth): Promise<void> {
    const credentials = await this.sealAuth(tenantId, connectionId, auth)
    // Read after sealing: the object may have served other calls meanwhile.
    const connection = this.store.getConnection(connectionId)
    if (!connection) return
    this.store.putConnection({
      ...connection,
      credentials,
      settings: { ...connection.settings, authKind: auth.kind },
    })
    // New credentials: a connection that needed reconnecting runs again.
    markActive(this.sql, connectionId, Date.now())
  }

  /**
   * New credentials for an account's connection (an install's grant, an admin connecting it
   * again), due now. An uninstalled one is installed again: active, its schedule back, the data it
   * kept since the uninstall still there and its purge date dropped.
   */
  async reinstall(
    tenantId: string,
    connectionId: string,
    auth: ConnectionAuth,
    nowMs: number,
  ): Promise<void> {
    await this.replaceAuth(tenantId, connectionId, auth)
    if (lifecycleOf(this.sql, connectionId).state === 'uninstalled') {
      forgetLifecycle(this.sql, connectionId)
      if (!getSchedule(this.sql, connectionId)) {
        addSchedule(this.sql, connectionId, DEFAULT_SCHEDULE.everyMinutes, nowMs)
      }
    }
    this.runNow(connectionId, nowMs)
  }

  private async sealAuth(tenantId: string, connectionId: string, auth: ConnectionAuth) {
    const sealed = await this.sealer.seal(
      JSON.stringify(auth),
      sealContext.connection(tenantId, connectionId),
    )
    return new TextEncoder().encode(sealed)
  }

  summary(connectionId: string): ConnectionSummary | null {
    const connection = this.store.getConnection(connectionId)
    return connection ? toSummary(connection, getSchedule(this.sql, connectionId)) : null
  }

  list(): ConnectionSummary[] {
    return this.store.listConnections().map((c) => toSummary(c, getSchedule(this.sql, c.id)))
  }

  /**
   * Makes the connection due now; null when there is no such connection. An uninstalled one is
   * left alone (the ops route refuses it with why: `lifecycleRefusal`).
   */
  runNow(connectionId: string, nowMs: number): ConnectionSummary | null {
    if (!this.get(connectionId)) return null
    if (lifecycleOf(this.sql, connectionId).state === 'uninstalled')
      return this.summary(connectionId)
    runNow(this.sql, connectionId, nowMs)
    openRunRecord(this.sql, this.store, connectionId, 'manual', nowMs)
    return this.summary(connectionId)
  }

  state(connectionId: string): ConnectionState | null {
    const connection = this.summary(connectionId)
    if (!connection) return null
    const streams = this.store
      .streamStates(connectionId)
      .map(({ connectionId: _c, retryAt: _r, doneRun: _d, ...state }) => state)
    const authorization = this.grants?.state(connectionId, connection.source)
    return {
      connection,
      lastSlice: getSchedule(this.sql, connectionId)?.lastSlice ?? null,
      streams,
      lifecycle: lifecycleOf(this.sql, connectionId),
      ...(authorization ? { authorization } : {}),
    }
  }

  /** Ops' view of a connection's quarantine, newest first, without the raw vendor items. */
  quarantine(connectionId: string, page: { limit: number; offset: number }): QuarantinePage | null {
    if (!this.get(connectionId)) return null
    const items = this.store
      .listQuarantine({ connectionId, ...page })
      .map(({ stream, vendorId, reason, at }) => ({ stream, vendorId, reason, at }))
    return { total: this.store.countQuarantine(connectionId), ...page, items }
  }

  /**
   * Stops a connection for good: its credentials, schedule, cursors, stream states, runs, quarantine
   * and rate budget go; the records it synced stay in the customers' views (connect again to resume).
   */
  delete(connectionId: string): DeletedConnection | null {
    const connection = this.summary(connectionId)
    if (!CONNECTION_ID.test(connectionId) || !connection) return null
    // Schedule first (no transaction: the store's delete runs its own, and they do not nest); the
    // object's synchronous writes commit together anyway.
    deleteSchedule(this.sql, connectionId)
    forgetConnectionOps(this.sql, connectionId)
    this.store.deleteConnection(connectionId)
    this.runner.forget(connection.source, connection.account)
    this.grants?.forget(connectionId)
    const accountStillRouted = this.installations.has(connection.source, connection.account)
    return { connection, accountStillRouted }
  }

  /**
   * The connection's credentials, opened for one slice; they never leave the object. An install's
   * OAuth grant comes back as the connection's session (refreshing, re-sealing itself).
   */
  async openAuth(tenantId: string, connection: Connection): Promise<ConnectionCredentials> {
    const sealed = new TextDecoder().decode(connection.credentials!)
    const opened = await this.sealer.open(sealed, sealContext.connection(tenantId, connection.id))
    const auth = authSchemaFor(connection.source).parse(JSON.parse(opened))
    if (auth.kind === 'oauth_grant' && this.grants) {
      return this.grants.credentialsFor(tenantId, connection, auth)
    }
    return auth
  }
}
