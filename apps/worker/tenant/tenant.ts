import { DurableObject } from 'cloudflare:workers'
import type { CustomerView, TenantSettings } from '../../../core/model/index.ts'
import { TenantStore } from '../../../core/store/index.ts'
import type { SqlPort } from '../../../core/store/port.ts'
import { constantTimeEqual, decryptSecret, encryptSecret, importSecretKey } from '../crypto.ts'
import { newApiKey } from './api-key.ts'
import {
  authSchemaFor,
  DEFAULT_SCHEDULE,
  resolveAccount,
  type ConnectionInput,
  type ConnectionSummary,
} from './connection-input.ts'
import { toSummary, type ConnectionSettings } from './connection-summary.ts'
import {
  getInstallation,
  installationContext,
  listInstallations,
  putInstallation,
  toInstallationSummary,
  type InstallationSummary,
  type Platform,
} from './installations.ts'
import { importResponses, type ImportResult } from '../imports/import-responses.ts'
import type { ResponseInput } from '../imports/response-input.ts'
import { lookupCustomer } from './lookup.ts'
import { previewCandidates, type PreviewCandidate } from './preview-customers.ts'
import { listCustomerSummaries, type CustomerFilter, type CustomerPage } from './customer-list.ts'
import type {
  ConnectionState,
  DeletedConnection,
  LookupKey,
  LookupResult,
  QuarantinePage,
} from './rpc-types.ts'
import {
  addSchedule,
  dueSchedules,
  earliestRun,
  getSchedule,
  recordSlice,
  runNow,
} from './schedule.ts'
import { derivePendingSlice } from './derive-slice.ts'
import { durableSqlPort } from './sql-port.ts'
import { SyncRunner, sliceLimits } from './sync-runner.ts'
import { migrateWorkerTables } from './worker-schema.ts'
import { log } from '../log.ts'
import { graceKeyAccepted } from './api-key-rotation.ts'
import {
  handleOps,
  runForSlice,
  type OpsRefusal,
  type OpsRequest,
  type OpsResults,
} from './connection-ops.ts'
import { migrateOpsTables } from './ops-schema.ts'
import { forgetConnectionOps, nextScheduledRun } from './ops-schedule.ts'
import { logSlice } from './run-log.ts'
import { failRun, openRunRecord, recordRunSlice } from './runs.ts'
import type { WebhookReceipt } from '../webhooks/events.ts'
import { receiveWebhookEvents, type WebhookBatch } from '../webhooks/receive.ts'
import { pendingRefresh } from '../webhooks/refresh.ts'
import { migrateWebhookTables } from '../webhooks/schema.ts'
import {
  listWebhookSecrets,
  putWebhookSecret,
  webhookSecretContext,
  type WebhookPlatform,
} from '../webhooks/secrets.ts'

const CONNECTION_ID = /^con_[0-9a-z]{20}$/
/** A slice that failed outright (bad credentials, vendor down) waits this long before the next try. */
const FAILURE_BACKOFF_MS = 60_000

export type AddConnectionResult =
  | { status: 'created'; connection: ConnectionSummary }
  | { status: 'conflict'; connectionId: string }

/**
 * One tenant: its store (SQLite in this object), connections with encrypted credentials, and the
 * alarm that drives its syncs in bounded slices. Every method is an RPC the worker's routes call.
 */
export class Tenant extends DurableObject<Env> {
  readonly sql: SqlPort
  readonly store: TenantStore
  private readonly runner: SyncRunner
  private secretKey: Promise<CryptoKey> | null = null
  private slicing = false

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.sql = durableSqlPort(ctx.storage)
    this.store = new TenantStore(this.sql)
    // Rate budgets live as long as this object: one per vendor account, shared by every slice.
    this.runner = new SyncRunner(this.store)
    void ctx.blockConcurrencyWhile(async () => {
      this.store.migrate()
      migrateWorkerTables(this.sql)
      migrateWebhookTables(this.sql)
      migrateOpsTables(this.sql)
    })
  }

  private key(): Promise<CryptoKey> {
    this.secretKey ??= importSecretKey(this.env.CXLENS_SECRET_KEY)
    return this.secretKey
  }

  private tenantId(): string | null {
    const [row] = this.sql.all<{ tenant_id: string }>('SELECT tenant_id FROM worker_tenant')
    return row?.tenant_id ?? null
  }

  /** Names the tenant and returns its API key, once: a second call returns null. */
  async init(tenantId: string, name: string): Promise<string | null> {
    if (this.tenantId()) return null
    const { apiKey, secretHash } = await newApiKey(tenantId)
    this.sql.run(
      'INSERT INTO worker_tenant (singleton, tenant_id, name, api_key_hash, created_ms) VALUES (1, ?, ?, ?, ?)',
      tenantId,
      name,
      secretHash,
      Date.now(),
    )
    return apiKey
  }

  async verifyApiKey(secretHash: string): Promise<boolean> {
    const [row] = this.sql.all<{ api_key_hash: string }>('SELECT api_key_hash FROM worker_tenant')
    // Compare against something even without a tenant, so both answers take the same time.
    const ok = await constantTimeEqual(secretHash, row?.api_key_hash ?? '')
    // A rotated-out key works until its grace period ends.
    return row !== undefined && (ok || (await graceKeyAccepted(this.sql, secretHash, Date.now())))
  }

  async addConnection(input: ConnectionInput): Promise<AddConnectionResult> {
    const tenantId = this.tenantId()
    if (!tenantId) throw new Error('addConnection: tenant object is not initialised')
    const { account, baseUrl } = resolveAccount(input)
    const existing = this.store
      .listConnections()
      .find((c) => c.source === input.source && c.account === account)
    if (existing) return { status: 'conflict', connectionId: existing.id }

    const id =
      'con_' +
      [...crypto.getRandomValues(new Uint8Array(20))].map((b) => (b & 31).toString(32)).join('')
    const blob = await encryptSecret(
      await this.key(),
      JSON.stringify(input.auth),
      `${tenantId}/${id}`,
    )
    const settings: ConnectionSettings = {
      authKind: input.auth.kind,
      ...(input.limits ? { limits: input.limits } : {}),
      ...(input.source === 'zendesk' && input.startTime ? { startTime: input.startTime } : {}),
    }
    const now = Date.now()
    const schedule = input.schedule ?? DEFAULT_SCHEDULE
    this.sql.transaction(() => {
      this.store.putConnection({
        id,
        source: input.source,
        account,
        baseUrl,
        credentials: new TextEncoder().encode(blob),
        settings: { ...settings },
      })
      addSchedule(this.sql, id, schedule.everyMinutes, now)
    })
    // A new connection starts its first sync right away.
    await this.armAlarm()
    return { status: 'created', connection: this.summary(id)! }
  }

  private summary(connectionId: string): ConnectionSummary | null {
    const connection = this.store.getConnection(connectionId)
    return connection ? toSummary(connection, getSchedule(this.sql, connectionId)) : null
  }

  listConnections(): ConnectionSummary[] {
    return this.store.listConnections().map((c) => toSummary(c, getSchedule(this.sql, c.id)))
  }

  /** Makes the connection due now and arms the alarm; the sync itself runs in the alarm. */
  async syncNow(connectionId: string): Promise<ConnectionSummary | null> {
    if (!CONNECTION_ID.test(connectionId) || !this.store.getConnection(connectionId)) return null
    runNow(this.sql, connectionId, Date.now())
    openRunRecord(this.sql, this.store, connectionId, 'manual', Date.now())
    await this.armAlarm()
    return this.summary(connectionId)
  }

  getConnectionState(connectionId: string): ConnectionState | null {
    const connection = this.summary(connectionId)
    if (!connection) return null
    const streams = this.store
      .streamStates(connectionId)
      .map(({ connectionId: _c, retryAt: _r, doneRun: _d, ...state }) => state)
    return {
      connection,
      lastSlice: getSchedule(this.sql, connectionId)?.lastSlice ?? null,
      streams,
    }
  }

  /** Ops' view of a connection's quarantine, newest first, without the raw vendor items. */
  listQuarantine(
    connectionId: string,
    page: { limit: number; offset: number },
  ): QuarantinePage | null {
    if (!CONNECTION_ID.test(connectionId) || !this.store.getConnection(connectionId)) return null
    const [count] = this.sql.all<{ n: number }>(
      'SELECT count(*) AS n FROM quarantine WHERE connection_id = ?',
      connectionId,
    )
    const items = this.store
      .listQuarantine({ connectionId, ...page })
      .map(({ stream, vendorId, reason, at }) => ({ stream, vendorId, reason, at }))
    return { total: Number(count?.n ?? 0), ...page, items }
  }

  /**
   * Stops a connection for good: its credentials, schedule, cursors, stream states, runs and
   * quarantine go; the records it synced stay in the customers' views (connect again to resume).
   */
  deleteConnection(connectionId: string): DeletedConnection | null {
    const connection = this.summary(connectionId)
    if (!CONNECTION_ID.test(connectionId) || !connection) return null
    // Schedule first (no transaction: the store's delete runs its own, and they do not nest); the
    // object's synchronous writes commit together anyway.
    this.sql.run('DELETE FROM worker_schedule WHERE connection_id = ?', connectionId)
    forgetConnectionOps(this.sql, connectionId)
    this.store.deleteConnection(connectionId)
    this.runner.forget(connection.source, connection.account)
    const installed = getInstallation(this.sql, connection.source, connection.account) !== null
    return { connection, accountStillRouted: installed }
  }

  /**
   * Registers (or replaces) a platform app installation. `secret` null: the deployment's global app
   * secret signs for it (HubSpot marketplace app). The secret is sealed to this installation.
   */
  async putInstallation(
    platform: Platform,
    externalId: string,
    secret: string | null,
  ): Promise<InstallationSummary> {
    const tenantId = this.tenantId()
    if (!tenantId) throw new Error('putInstallation: tenant object is not initialised')
    const sealedSecret =
      secret === null
        ? null
        : await encryptSecret(
            await this.key(),
            secret,
            installationContext(tenantId, platform, externalId),
          )
    putInstallation(this.sql, { platform, externalId, sealedSecret, nowMs: Date.now() })
    return toInstallationSummary(getInstallation(this.sql, platform, externalId)!)
  }

  listInstallations(): InstallationSummary[] {
    return listInstallations(this.sql)
  }

  /**
   * The HMAC key of an installation: its own secret, `global` when it uses the deployment's app
   * secret, or null when this tenant has no such installation.
   */
  async installationSecret(
    platform: Platform,
    externalId: string,
  ): Promise<{ secret: string } | 'global' | null> {
    const tenantId = this.tenantId()
    const row = getInstallation(this.sql, platform, externalId)
    if (!tenantId || !row) return null
    if (row.sealedSecret === null) return 'global'
    const context = installationContext(tenantId, platform, externalId)
    return { secret: await decryptSecret(await this.key(), row.sealedSecret, context) }
  }

  /** Seals and stores the signing secret of one webhook of a vendor account (replaces its former one). */
  async putWebhookSecret(
    platform: WebhookPlatform,
    account: string,
    webhookId: string,
    secret: string,
  ): Promise<{ platform: WebhookPlatform; account: string; webhookId: string; updatedAt: string }> {
    const tenantId = this.tenantId()
    if (!tenantId) throw new Error('putWebhookSecret: tenant object is not initialised')
    const context = webhookSecretContext(tenantId, platform, account, webhookId)
    const sealedSecret = await encryptSecret(await this.key(), secret, context)
    const nowMs = Date.now()
    putWebhookSecret(this.sql, { platform, account, webhookId, sealedSecret, nowMs })
    return { platform, account, webhookId, updatedAt: new Date(nowMs).toISOString() }
  }

  /** The signing secrets of an account's webhooks (none when no webhook was configured). */
  async webhookSecrets(platform: WebhookPlatform, account: string): Promise<string[]> {
    const tenantId = this.tenantId()
    if (!tenantId) return []
    const key = await this.key()
    return Promise.all(
      listWebhookSecrets(this.sql, platform, account).map((row) =>
        decryptSecret(
          key,
          row.sealedSecret,
          webhookSecretContext(tenantId, platform, account, row.webhookId),
        ),
      ),
    )
  }

  /**
   * One verified webhook delivery: merges and erasures are written and their customers re-derived
   * now (bounded; the alarm finishes a long queue), the rest makes the connection due soon.
   */
  async receiveWebhook(batch: WebhookBatch): Promise<WebhookReceipt> {
    const now = Date.now()
    const receipt = receiveWebhookEvents(this.store, batch, now)
    if (receipt.written > 0) derivePendingSlice(this.store, { now })
    await this.armAlarm()
    return receipt
  }

  /** Operations on connections, runs and the tenant itself (connection-ops.ts). */
  async ops<R extends OpsRequest>(request: R): Promise<OpsResults[R['op']] | OpsRefusal> {
    const tenantId = this.tenantId()
    if (!tenantId) throw new Error('ops: tenant object is not initialised')
    const key = await this.key()
    const result = await handleOps(
      {
        sql: this.sql,
        store: this.store,
        tenantId,
        nowMs: Date.now(),
        seal: async (id, auth) =>
          new TextEncoder().encode(
            await encryptSecret(key, JSON.stringify(auth), `${tenantId}/${id}`),
          ),
        forgetBudget: (source, account) => this.runner.forget(source, account),
      },
      request,
    )
    await this.armAlarm()
    return result
  }

  lookup(key: LookupKey): LookupResult {
    return lookupCustomer(this.store, key)
  }

  /** Survey answers pushed by any tool (`POST /v1/responses`), already validated by the route. */
  importResponses(
    feed: string,
    rows: { row: number; input: ResponseInput }[],
  ): Promise<ImportResult> {
    return importResponses(this.store, feed, rows, Date.now())
  }

  listCustomers(query: { limit: number; offset: number; has: CustomerFilter[] }): CustomerPage {
    return listCustomerSummaries(this.sql, query)
  }

  /** The preview's picker: customers with a Zendesk user of `account`, telling ones first. */
  previewCustomers(account: string, limit: number): PreviewCandidate[] {
    return previewCandidates(this.sql, { account, limit })
  }

  getView(customerId: string): CustomerView | null {
    return this.store.getView(customerId)
  }

  getSettings(): TenantSettings {
    return this.store.getSettings()
  }

  /**
   * New thresholds make every stored view stale: each customer's members are queued and the alarm
   * re-derives them in bounded passes (views keep their former friction until then).
   */
  async putSettings(settings: TenantSettings): Promise<TenantSettings> {
    this.sql.transaction(() => {
      this.store.putSettings(settings)
      this.store.queueRederiveAll()
    })
    await this.armAlarm()
    return this.store.getSettings()
  }

  /** When the alarm should next run: now while people wait for a derive, else the earliest due connection. */
  private nextWork(): number | null {
    const due = earliestRun(this.sql)
    if (this.store.countPendingDerive() === 0) return due
    return Math.min(due ?? Infinity, Date.now())
  }

  /** Re-arms the alarm at the earliest pending work (the cron watchdog calls this too). */
  async armAlarm(): Promise<number | null> {
    const next = this.nextWork()
    if (next === null) return null
    const current = await this.ctx.storage.getAlarm()
    if (current === null || current > next) await this.ctx.storage.setAlarm(next)
    return next
  }

  /**
   * One bounded slice per due connection, then re-arm: at once when a connection has more to fetch,
   * otherwise at its next scheduled time. A slice commits page by page, so a crash loses at most
   * one uncommitted page.
   */
  override async alarm(): Promise<void> {
    // One pass at a time: a second alarm delivery (a test driver, a retry) leaves the running pass
    // to re-arm when it ends.
    if (this.slicing) return
    this.slicing = true
    try {
      await this.runDueSlices()
    } finally {
      this.slicing = false
    }
  }

  private async runDueSlices(): Promise<void> {
    const tenantId = this.tenantId()
    if (!tenantId) return
    // Derive work first (a settings change, a crash between a page and its derive), bounded.
    derivePendingSlice(this.store, { now: Date.now() })
    const limits = sliceLimits(this.env)
    for (const due of dueSchedules(this.sql, Date.now())) {
      const connection = this.store.getConnection(due.connectionId)
      if (!connection?.credentials) continue
      const startedAt = Date.now()
      const runId = runForSlice(this.sql, this.store, connection.id, startedAt)
      const ids = { tenantId, connectionId: connection.id, runId }
      try {
        const blob = new TextDecoder().decode(connection.credentials)
        const auth = authSchemaFor(connection.source).parse(
          JSON.parse(await decryptSecret(await this.key(), blob, `${tenantId}/${connection.id}`)),
        )
        const result = await this.runner.runSlice(connection, auth, limits)
        // Done: next scheduled poll. More to fetch: at once, or when the vendor's limit lets us.
        // A webhook refresh this slice started too early for brings the alarm back at its time.
        const nextRunMs = result.done
          ? Math.min(
              nextScheduledRun(this.sql, connection.id, due.everyMinutes, startedAt, Date.now()),
              pendingRefresh(this.sql, connection.id, startedAt) ?? Infinity,
            )
          : Math.max(Date.now(), result.retryAt ?? 0)
        recordSlice(this.sql, connection.id, {
          atMs: startedAt,
          done: result.done,
          requests: result.requests,
          error: result.errors.length > 0 ? result.errors.join('; ').slice(0, 1000) : null,
          nextRunMs,
        })
        recordRunSlice(this.sql, runId, {
          ...result,
          states: this.store.streamStates(connection.id),
          nowMs: Date.now(),
        })
        logSlice(ids, result)
      } catch (err) {
        // Context only (tenant, connection, error class and message): credentials never reach a log.
        const message = err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'
        log('error', 'slice_failed', { ...ids, message })
        failRun(this.sql, this.store, runId, message, Date.now())
        recordSlice(this.sql, connection.id, {
          atMs: startedAt,
          done: false,
          requests: 0,
          error: message,
          nextRunMs: Date.now() + FAILURE_BACKOFF_MS,
        })
      }
    }
    const next = this.nextWork()
    if (next !== null) await this.ctx.storage.setAlarm(Math.max(next, Date.now()))
  }
}
