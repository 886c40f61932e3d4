import { z } from 'zod'
import { StreamState } from '../../../core/model/index.ts'
import type { CustomerPage as CustomerPageType } from '../tenant/customer-list.ts'
import { ConnectionSummary } from '../tenant/connection-input.ts'
import type { InstallationSummary as InstallationSummaryType } from '../tenant/installations.ts'
import type { ConnectionState as ConnectionStateType, QuarantinePage } from '../tenant/rpc-types.ts'
import type { Tenant } from '../tenant/tenant.ts'
import { agree } from './agree.ts'

/**
 * Response bodies of the provisioning routes (routes/admin*.ts, routes/webhooks-admin.ts), each
 * pinned to the type its producer returns by `agree` (a drift fails `npm run typecheck`).
 */

export const TenantCreated = z.strictObject({
  tenantId: z.string(),
  name: z.string(),
  /** `cxl_<tenantId>_<secret>`: shown once, only its hash is kept. */
  apiKey: z.string(),
})

export const SyncAccepted = z.strictObject({
  accepted: z.literal(true),
  connection: ConnectionSummary,
})

const SliceOutcome = z.strictObject({
  at: z.string(),
  done: z.boolean(),
  requests: z.number().int(),
  error: z.string().nullable(),
})

/** Whether the connection runs, waits for its account to be connected again, or was uninstalled. */
export const Lifecycle = z.strictObject({
  state: z.enum(['active', 'needs_reconnect', 'uninstalled']),
  reason: z.string().nullable(),
  since: z.string().nullable(),
  purgeAfter: z.string().nullable(),
})

export const ConnectionState = z.strictObject({
  connection: ConnectionSummary,
  lastSlice: SliceOutcome.nullable(),
  streams: z.array(StreamState),
  lifecycle: Lifecycle,
})

export const Quarantine = z.strictObject({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(
    z.strictObject({
      stream: z.string(),
      vendorId: z.string(),
      reason: z.string(),
      at: z.string(),
    }),
  ),
})

export const ConnectionList = z.strictObject({ connections: z.array(ConnectionSummary) })

export const InstallationSummary = z.strictObject({
  platform: z.enum(['zendesk', 'hubspot']),
  /** Zendesk subdomain or HubSpot portal id. */
  externalId: z.string(),
  /** Where the HMAC key comes from: this tenant's own secret, or the deployment's app secret. */
  secret: z.enum(['tenant', 'global']),
  updatedAt: z.string(),
})

export const InstallationList = z.strictObject({ installations: z.array(InstallationSummary) })

export const WebhookSecretSaved = z.strictObject({
  platform: z.enum(['zendesk', 'hubspot']),
  account: z.string(),
  webhookId: z.string(),
  updatedAt: z.string(),
  /** Where Zendesk should deliver: the webhook's endpoint path on this worker. */
  path: z.string(),
})

const Source = z.enum(['zendesk', 'hubspot', 'import'])

export const CustomerPage = z.strictObject({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  customers: z.array(
    z.strictObject({
      id: z.string(),
      displayName: z.string(),
      sources: z.array(Source),
      identities: z.array(
        z.strictObject({ source: Source, account: z.string(), object: z.string(), id: z.string() }),
      ),
      nps: z
        .strictObject({
          score: z.number(),
          category: z.enum(['promoter', 'passive', 'detractor']),
          at: z.string(),
        })
        .nullable(),
      openFriction: z.number().int(),
      openTickets: z.number().int(),
      totalTickets: z.number().int(),
    }),
  ),
})

type Returned<K extends keyof Tenant> = Tenant[K] extends (...args: never[]) => infer R
  ? Awaited<R>
  : never

agree<z.output<typeof ConnectionState>, ConnectionStateType>(true)
agree<z.output<typeof Quarantine>, QuarantinePage>(true)
agree<z.output<typeof InstallationSummary>, InstallationSummaryType>(true)
agree<z.output<typeof CustomerPage>, CustomerPageType>(true)
agree<Omit<z.output<typeof WebhookSecretSaved>, 'path'>, Returned<'putWebhookSecret'>>(true)
agree<z.output<typeof ConnectionSummary>, NonNullable<Returned<'syncNow'>>>(true)
