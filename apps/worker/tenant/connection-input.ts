import { z } from 'zod'
import { PlanLimits, Schedule, VENDOR_NAMES } from '../../../connectors/index.ts'

// Each vendor's connection input, auth and limits are its connector's (connectors/<vendor>); the
// registry composes them. Re-exported here for the tenant's modules.
export {
  authSchemaFor,
  ConnectionInput,
  DEFAULT_SCHEDULE,
  resolveAccount,
  Schedule,
  StartTime,
  type ConnectionAuth,
} from '../../../connectors/index.ts'
export {
  ZendeskAuth,
  ZendeskAuthInput,
  ZendeskConnectionInput,
  ZendeskLimits,
} from '../../../connectors/zendesk/index.ts'
export {
  HUBSPOT_API,
  HubSpotAuth,
  HubSpotAuthInput,
  HubSpotConnectionInput,
  HubSpotLimits,
} from '../../../connectors/hubspot/index.ts'

/** The connection as every API shows it: never a secret. */
export const ConnectionSummary = z.strictObject({
  id: z.string(),
  source: z.enum(VENDOR_NAMES),
  account: z.string(),
  baseUrl: z.string(),
  auth: z.strictObject({ kind: z.enum(['api_token', 'oauth', 'private_app', 'oauth_grant']) }),
  schedule: Schedule,
  /** The plan limits given at connection time; absent: the vendor's defaults. */
  limits: PlanLimits.optional(),
  /** Zendesk: where the backfill starts (ISO instant); absent: from the beginning. */
  startTime: z.string().optional(),
  createdAt: z.string(),
  nextRunAt: z.string().nullable(),
})
export type ConnectionSummary = z.infer<typeof ConnectionSummary>
