import { z } from 'zod'

/** How cxlens authenticates to one HubSpot portal: a private app token or an OAuth access token. */
export const HubSpotAuth = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('private_app'), token: z.string().min(1).max(2000) }),
  z.strictObject({ kind: z.literal('oauth'), accessToken: z.string().min(1).max(2000) }),
])
export type HubSpotAuth = z.infer<typeof HubSpotAuth>

/** Both are Bearer tokens (docs: "Authentication methods on HubSpot"). */
export function authorizationHeader(auth: HubSpotAuth): string {
  return `Bearer ${auth.kind === 'private_app' ? auth.token : auth.accessToken}`
}
