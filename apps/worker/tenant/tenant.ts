import { DurableObject } from 'cloudflare:workers'
import type { Vendor } from '../../../connectors/index.ts'
import type { TenantSettings } from '../../../core/model/index.ts'
import type { TenantStore } from '../../../core/store/index.ts'
import { importResponses } from '../imports/import-responses.ts'
import type { ResponseInput } from '../imports/response-input.ts'
import type { AlertsRequest, AlertsResult } from './alerts.ts'
import type { ConnectionInput, ConnectionSummary } from './connection-input.ts'
import type { OpsRefusal, OpsRequest, OpsResults } from './connection-ops.ts'
import type { AddConnectionResult } from './connections.ts'
import { listCustomerSummaries, type CustomerFilter, type CustomerPage } from './customer-list.ts'
import type { InsightRequest } from './insight.ts'
import type { InstallationSignature, InstallationSummary } from './installations.ts'
import { customerHistory, type HistoryRequest } from './history.ts'
import { lookupCustomer } from './lookup.ts'
import { openTenantModules, type TenantModules } from './modules.ts'
import { previewCandidates, type PreviewCandidate } from './preview-customers.ts'
import type * as Rpc from './rpc-types.ts'
import type { SignedHubSpotDelivery, SignedZendeskDelivery } from './webhooks.ts'

/**
 * One tenant as RPCs for the worker's routes, over modules owning their tables (`modules.ts`).
 * Secrets are sealed and checked in here; no RPC returns one.
 */
export class Tenant extends DurableObject<Env> {
  readonly store: TenantStore
  private readonly m: TenantModules

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.m = openTenantModules(ctx, env)
    this.store = this.m.store
  }

  init(tenantId: string, name: string): Promise<string | null> {
    return this.m.keys.init(tenantId, name, Date.now())
  }
  verifyApiKey(secretHash: string): Promise<boolean> {
    return this.m.keys.verifyApiKey(secretHash)
  }

  async addConnection(input: ConnectionInput): Promise<AddConnectionResult> {
    const tenantId = this.m.keys.requireTenantId('addConnection')
    // A new connection starts its first sync right away.
    return this.armed(await this.m.connections.add(tenantId, input, Date.now()))
  }
  listConnections(): ConnectionSummary[] {
    return this.m.connections.list()
  }
  async syncNow(connectionId: string): Promise<ConnectionSummary | null> {
    return this.armed(this.m.connections.runNow(connectionId, Date.now()))
  }
  getConnectionState(connectionId: string): Rpc.ConnectionState | null {
    return this.m.connections.state(connectionId)
  }
  listQuarantine(id: string, page: { limit: number; offset: number }): Rpc.QuarantinePage | null {
    return this.m.connections.quarantine(id, page)
  }
  deleteConnection(connectionId: string): Rpc.DeletedConnection | null {
    return this.m.connections.delete(connectionId)
  }

  /** Registers (or replaces) an installation; `secret` null: the deployment's app secret signs. */
  putInstallation(platform: Vendor, id: string, secret: string | null) {
    const tenantId = this.m.keys.requireTenantId('putInstallation')
    return this.m.installations.put(tenantId, platform, id, secret, Date.now())
  }
  listInstallations(): InstallationSummary[] {
    return this.m.installations.list()
  }

  /** A ZAF JWT's or HubSpot card request's signature, checked with the installation's sealed key. */
  async verifyInstallationSignature(signed: InstallationSignature) {
    const tenantId = this.m.keys.tenantId()
    const global = this.env.HUBSPOT_CLIENT_SECRET
    return !!tenantId && this.m.installations.verifySignature(tenantId, signed, global)
  }
  putWebhookSecret(platform: Vendor, account: string, webhookId: string, secret: string) {
    const tenantId = this.m.keys.requireTenantId('putWebhookSecret')
    return this.m.webhookSecrets.put(tenantId, { platform, account, webhookId }, secret, Date.now())
  }

  // Webhook deliveries: each signature is verified in here with the sealed secrets, then applied.
  async receiveZendeskWebhook(delivery: SignedZendeskDelivery) {
    return this.armed(await this.m.webhooks.receiveZendesk(delivery, Date.now()))
  }
  async receiveHubSpotWebhook(delivery: SignedHubSpotDelivery) {
    return this.armed(await this.m.webhooks.receiveHubSpot(delivery, Date.now()))
  }

  // One dispatcher per feature: ops, lifecycle (uninstall, purge, erasure), install (OAuth,
  // /connect), alerts (the alarm delivers), insight (dashboards, survey feeds).
  async ops<R extends OpsRequest>(request: R): Promise<OpsResults[R['op']] | OpsRefusal> {
    return this.armed(await this.m.ops(request))
  }
  async lifecycle<R extends Rpc.LifecycleRequest>(request: R) {
    return this.armed(await this.m.lifecycleOps(request))
  }
  async install<R extends Rpc.InstallRequest>(r: R): Promise<Rpc.InstallResults[R['op']]> {
    return this.armed(await this.m.install(r))
  }
  async alerts(request: AlertsRequest): Promise<AlertsResult> {
    return this.armed(await this.m.alerts(request))
  }
  async insight(request: InsightRequest) {
    return this.armed(await this.m.insight(request))
  }

  lookup(key: Rpc.LookupKey): Rpc.LookupResult {
    return lookupCustomer(this.store, key, Date.now())
  }

  /** Survey answers pushed by any tool, validated by the route; the alarm finishes the derive. */
  async importResponses(feed: string, rows: { row: number; input: ResponseInput }[]) {
    return this.armed(await importResponses(this.store, feed, rows, Date.now()))
  }
  listCustomers(query: { limit: number; offset: number; has: CustomerFilter[] }): CustomerPage {
    return listCustomerSummaries(this.store, query)
  }
  previewCustomers(account: string, limit: number): PreviewCandidate[] {
    return previewCandidates(this.store, { account, limit })
  }
  /** The stored view's JSON text, served as is (`TenantStore.getViewJson`). */
  viewJson(customerId: string): string | null {
    return this.store.getViewJson(customerId)
  }
  history(request: HistoryRequest) {
    return customerHistory(this.store, request)
  }
  getSettings(): TenantSettings {
    return this.store.getSettings()
  }
  /** New thresholds make every view stale: the alarm re-derives them in bounded passes. */
  async putSettings(settings: TenantSettings): Promise<TenantSettings> {
    return this.armed(this.store.replaceSettings(settings))
  }

  /** Re-arms the alarm at the earliest pending work (the cron watchdog calls this too). */
  armAlarm(): Promise<number | null> {
    return this.m.alarm.arm()
  }
  override alarm(): Promise<void> {
    return this.m.alarm.run()
  }

  /** Returns `value` once the alarm is armed for whatever work the call left. */
  private async armed<T>(value: T): Promise<T> {
    await this.armAlarm()
    return value
  }
}
