import { z } from 'zod'
import { isSessionCredentials } from '../kit/oauth-session.ts'
import type { Connector } from '../../core/sync/types.ts'
import { BaseUrl, parseStored, Schedule, type StoredConnection } from '../kit/connection-fields.ts'
import { HubSpotAuth, HubSpotAuthInput } from './auth.ts'
import { createHubSpotConnector } from './connector.ts'
import { HubSpotLimits } from './limits.ts'

export const HUBSPOT_API = 'https://api.hubapi.com'

/** How an admin connects a HubSpot portal. */
export const HubSpotConnectionInput = z.strictObject({
  source: z.literal('hubspot'),
  portalId: z.string().regex(/^[1-9][0-9]{0,19}$/, 'a HubSpot portal id'),
  /** `https://api.hubapi.com` by default; a sandbox or a recorded replay otherwise. */
  baseUrl: BaseUrl.optional(),
  auth: HubSpotAuthInput,
  schedule: Schedule.optional(),
  limits: HubSpotLimits.optional(),
})
export type HubSpotConnectionInput = z.infer<typeof HubSpotConnectionInput>

/** The account name (the portal id) and API base URL of a new HubSpot connection. */
export function resolveHubSpotAccount(input: HubSpotConnectionInput) {
  return { account: input.portalId, baseUrl: (input.baseUrl ?? HUBSPOT_API).replace(/\/+$/, '') }
}

/** The connector of a stored HubSpot connection: its sealed auth and the portal's limits. */
export function hubspotConnectorFor(stored: StoredConnection): Connector {
  // An OAuth session comes built by the tenant (it refreshes and re-seals the stored grant).
  const auth = isSessionCredentials(stored.auth)
    ? stored.auth
    : parseStored(HubSpotAuth, stored.auth, 'HubSpot credentials', stored.id)
  const limits = HubSpotLimits.safeParse(stored.limits ?? {}).data
  return createHubSpotConnector({
    account: stored.account,
    baseUrl: stored.baseUrl,
    auth,
    ...(limits ? { limits } : {}),
  })
}
