import { TenantStore, type Connection } from '../../../core/store/index.ts'
import { Alarm } from './alarm.ts'
import { Alerts, type AlertsRequest } from './alerts.ts'
import { Connections } from './connections.ts'
import { OAuthGrants } from './grants.ts'
import { handleInstall, type InstallRequest } from './installs.ts'
import { oauthApps } from '../oauth-config.ts'
import { Feeds } from './feeds.ts'
import { handleInsight, type InsightRequest } from './insight.ts'
import { Installations } from './installations.ts'
import {
  handleLifecycle,
  Lifecycle,
  retentionDaysFrom,
  type LifecycleRequest,
} from './lifecycle.ts'
import { Directory } from '../directory/directory.ts'
import { TenantKeys } from './keys.ts'
import { migrateWorker } from './migrations/index.ts'
import { handleOps, type OpsRequest } from './connection-ops.ts'
import { sealContext, Sealer } from './secrets.ts'
import { durableSqlPort } from './sql-port.ts'
import { SyncRunner, sliceLimits } from './sync-runner.ts'
import { WebhookSecrets } from './webhook-secrets.ts'
import { Webhooks } from './webhooks.ts'

export type TenantModules = ReturnType<typeof openTenantModules>

/**
 * The modules of one tenant object over its SQLite, wired once per object: the store (core's tables)
 * and the worker's modules, each owning its own tables, all sealing through one `Sealer`. Migrates
 * both sets of tables before the object serves a call.
 */
export function openTenantModules(ctx: DurableObjectState, env: Env) {
  const sql = durableSqlPort(ctx.storage)
  const store = new TenantStore(sql)
  const sealer = new Sealer(env.CXLENS_SECRET_KEY)
  const keys = new TenantKeys(sql)
  const installations = new Installations(sql, sealer)
  // Rate budgets live as long as this object: one per vendor account, shared by every slice.
  const runner = new SyncRunner(store)
  const connections = new Connections(store, sealer, runner, installations)
  // Installs' OAuth grants: one refreshing session per connection for the object's life.
  connections.grants = new OAuthGrants({
    sql,
    apps: oauthApps(env),
    replaceAuth: (tenantId, connectionId, auth) =>
      connections.replaceAuth(tenantId, connectionId, auth),
  })
  const grants = connections.grants
  const webhookSecrets = new WebhookSecrets(sql, sealer)
  const webhooks = new Webhooks({
    store,
    keys,
    secrets: webhookSecrets,
    installations,
    hubspotAppSecret: env.HUBSPOT_CLIENT_SECRET,
  })
  const limits = sliceLimits(env)
  const lifecycle = new Lifecycle({
    sql,
    store,
    storage: ctx.storage,
    keys,
    connections,
    installations,
    runner,
    directory: env.DIRECTORY ? new Directory(env.DIRECTORY) : null,
    defaultRetentionDays: retentionDaysFrom(env.CXLENS_RETENTION_DAYS),
    hubspotClient: hubspotAppClient(env),
    now: Date.now,
  })
  const allowLoopbackHttp = env.CXLENS_ALERTS_ALLOW_LOOPBACK === '1'
  const openAuth = (tenantId: string, connection: Connection) =>
    connections.openAuth(tenantId, connection)
  const alertsModule = new Alerts({ sql, store, sealer, allowLoopbackHttp, openAuth })
  const alarm = new Alarm({
    store,
    sql,
    storage: ctx.storage,
    keys,
    connections,
    runner,
    limits,
    lifecycle,
    alerts: alertsModule,
  })
  /** Operations on connections, runs and the tenant itself (connection-ops.ts). */
  const ops = <R extends OpsRequest>(request: R) => {
    const tenantId = keys.requireTenantId('ops')
    return handleOps(
      {
        sql,
        store,
        tenantId,
        nowMs: Date.now(),
        seal: async (connectionId, auth) => {
          const context = sealContext.connection(tenantId, connectionId)
          return new TextEncoder().encode(await sealer.seal(JSON.stringify(auth), context))
        },
        forgetBudget: (source, account) => runner.forget(source, account),
      },
      request,
    )
  }
  /** Uninstall, purge, retention and erasure (lifecycle.ts). */
  const lifecycleOps = <R extends LifecycleRequest>(request: R) =>
    handleLifecycle(lifecycle, request)
  /** An install's grant becomes a connection; the connect page's overview (installs.ts). */
  const install = <R extends InstallRequest>(request: R) =>
    handleInstall(
      {
        tenantId: keys.requireTenantId('install'),
        connections,
        grants,
        installations,
        nowMs: Date.now(),
      },
      request,
    )
  /** Alert rules, destinations, log and test alerts (alerts.ts). */
  const alerts = (request: AlertsRequest) =>
    alertsModule.handle(keys.requireTenantId('alerts'), request, Date.now())
  const feeds = new Feeds(sql, sealer)
  /** CX insight: dashboards and survey feeds (insight.ts). */
  const insight = (request: InsightRequest) =>
    handleInsight(
      { store, feeds, tenantId: () => keys.requireTenantId('insight'), nowMs: Date.now() },
      request,
    )
  void ctx.blockConcurrencyWhile(async () => {
    store.migrate()
    migrateWorker(sql, Date.now())
  })
  return {
    store,
    keys,
    connections,
    installations,
    webhookSecrets,
    webhooks,
    alarm,
    ops,
    lifecycle,
    lifecycleOps,
    install,
    alerts,
    insight,
  }
}

/** The HubSpot app's OAuth client (revokes grants), when this deployment has one. */
function hubspotAppClient(env: Env) {
  const clientId = env.HUBSPOT_CLIENT_ID
  const clientSecret = env.HUBSPOT_CLIENT_SECRET
  return clientId && clientSecret ? { clientId, clientSecret } : null
}
