import { z } from 'zod'
import { withBearer, type OAuthSession } from '../kit/oauth-session.ts'
import { StoredOAuthGrant } from '../kit/oauth-tokens.ts'

/** How cxlens authenticates to one HubSpot portal: a private app token or an OAuth access token. */
export const HubSpotAuthInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('private_app'), token: z.string().min(1).max(2000) }),
  z.strictObject({ kind: z.literal('oauth'), accessToken: z.string().min(1).max(2000) }),
])

/** Stored credentials: what an admin gives (`HubSpotAuthInput`) or an install's OAuth grant, refreshed
 * through a session the tenant builds (apps/worker/tenant/grants.ts). */
export const HubSpotAuth = z.discriminatedUnion('kind', [
  ...HubSpotAuthInput.options,
  StoredOAuthGrant,
])
export type HubSpotAuth = z.infer<typeof HubSpotAuth>

/** What a connector runs with: stored credentials, or an OAuth session that refreshes itself. */
export type HubSpotCredentials = HubSpotAuth | { kind: 'oauth'; session: OAuthSession }

/** Both fixed kinds are Bearer tokens (docs: "Authentication methods on HubSpot"). */
export function authorizationHeader(auth: HubSpotCredentials): string {
  if ('session' in auth)
    throw new Error('An OAuth session has no fixed header: use withAuthorization')
  return `Bearer ${auth.kind === 'private_app' ? auth.token : auth.accessToken}`
}

/** Runs a call with the right header; a session refreshes before expiry and once after a 401. */
export function withAuthorization<T>(
  auth: HubSpotCredentials,
  call: (authorization: string) => Promise<T>,
): Promise<T> {
  if ('session' in auth) return withBearer(auth.session, call)
  return call(authorizationHeader(auth))
}

/** The scopes an auth is known to hold, or null when it cannot tell (private apps, fixed tokens). */
export function grantedScopes(auth: HubSpotCredentials): string[] | null {
  if ('session' in auth) return auth.session.tokens().scopes
  return auth.kind === 'oauth_grant' ? auth.scopes : null
}
