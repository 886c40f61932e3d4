import { z } from 'zod'
import { AlertRules } from '../../../core/alerts/index.ts'
import { ConnectionSummary } from '../tenant/connection-input.ts'
import type {
  AlertDelivery as AlertDeliveryType,
  DestinationSummary as DestinationSummaryType,
} from '../tenant/alerts.ts'
import type { LifecycleState } from '../tenant/lifecycle-state.ts'
import type { TenantPurge, UninstallResult } from '../tenant/lifecycle.ts'
import type { ErasureResult } from '../../../core/store/erase-subject.ts'
import { agree } from './agree.ts'
import { Lifecycle } from './schemas-admin.ts'

/** Response bodies of routes/admin-lifecycle.ts and routes/admin-alerts.ts. */

export const Uninstalled = z.strictObject({
  connection: ConnectionSummary,
  lifecycle: Lifecycle,
  /** What revoking the tokens at the vendor did; `failed`: revoke them there by hand. */
  revoke: z.enum(['revoked', 'not_oauth', 'no_client', 'failed']),
  revokeError: z.string().optional(),
  alreadyUninstalled: z.boolean(),
  /** Purged now (`purge=now`); otherwise the data goes at `lifecycle.purgeAfter`. */
  purged: z.strictObject({ records: z.number().int(), people: z.number().int() }).nullable(),
})

export const TenantPurged = z.strictObject({
  tenantId: z.string(),
  /** `false`: there was no such tenant (already purged). */
  purged: z.boolean(),
  connections: z.number().int(),
  revoked: z.number().int(),
})

export const RetentionDays = z.strictObject({ retentionDays: z.number().int() })

export const Erased = z.strictObject({
  /** What the erasure removed (counts). */
  erased: z.strictObject({
    people: z.number().int(),
    records: z.number().int(),
    quarantined: z.number().int(),
  }),
})

const DestinationSummary = z.strictObject({
  id: z.string(),
  kind: z.enum(['webhook', 'zendesk_note', 'hubspot_task']),
  url: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: z.string(),
})

const AlertDelivery = z.strictObject({
  destination: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
})

export const AlertConfig = z.strictObject({
  rules: AlertRules,
  destinations: z.array(DestinationSummary),
  /** The webhook's signing secret: only in the answer that created or rotated it. */
  signingSecret: z.string().optional(),
})

export const AlertLog = z.strictObject({
  /** Newest first, each with its destinations' delivery attempts. */
  alerts: z.array(
    z.looseObject({
      seq: z.number().int(),
      raisedAt: z.string(),
      settledAt: z.string().nullable(),
      reason: z.string().nullable(),
      deliveries: z.array(AlertDelivery),
    }),
  ),
  /** Pass as `cursor` for the next page; null: no more. */
  nextCursor: z.number().int().nullable(),
})

export const AlertQueued = z.strictObject({ id: z.string() })

agree<z.output<typeof Lifecycle>, LifecycleState>(true)
agree<z.output<typeof DestinationSummary>, DestinationSummaryType>(true)
agree<
  Omit<z.output<typeof TenantPurged>, 'purged'>,
  Omit<TenantPurge, 'tenantId'> & { tenantId: string }
>(true)
agree<z.output<typeof Uninstalled>, Omit<UninstallResult, 'unroute'>>(true)
agree<z.output<typeof Erased>['erased'], ErasureResult>(true)
agree<z.output<typeof AlertDelivery>, AlertDeliveryType>(true)
