import { z } from 'zod'
import { withBearer, type OAuthSession } from '../kit/oauth-session.ts'
import { StoredOAuthGrant } from '../kit/oauth-tokens.ts'

/** How cxlens authenticates to one Zendesk account. The token lives only encrypted in the tenant. */
export const ZendeskAuthInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('api_token'),
    email: z.email(),
    token: z.string().min(1).max(200),
  }),
  z.strictObject({ kind: z.literal('oauth'), accessToken: z.string().min(1).max(2000) }),
])

/** Stored credentials: what an admin gives (`ZendeskAuthInput`) or an install's OAuth grant, refreshed
 * through a session the tenant builds (apps/worker/tenant/grants.ts). */
export const ZendeskAuth = z.discriminatedUnion('kind', [
  ...ZendeskAuthInput.options,
  StoredOAuthGrant,
])
export type ZendeskAuth = z.infer<typeof ZendeskAuth>

/** What a connector runs with: stored credentials, or an OAuth session that refreshes itself. */
export type ZendeskCredentials = ZendeskAuth | { kind: 'oauth'; session: OAuthSession }

/**
 * The `Authorization` header of a fixed credential. API tokens use Basic with the user
 * `{email}/token` (docs: "Security and authentication" › API token); OAuth access tokens use Bearer.
 * A session has no fixed header: use `withAuthorization`.
 */
export function authorizationHeader(auth: ZendeskCredentials): string {
  if ('session' in auth)
    throw new Error('An OAuth session has no fixed header: use withAuthorization')
  // A grant read without its session (a one-off call) uses its access token as it is.
  if (auth.kind === 'oauth' || auth.kind === 'oauth_grant') return `Bearer ${auth.accessToken}`
  return `Basic ${base64(`${auth.email}/token:${auth.token}`)}`
}

/** Runs a call with the right header; a session refreshes before expiry and once after a 401. */
export function withAuthorization<T>(
  auth: ZendeskCredentials,
  call: (authorization: string) => Promise<T>,
): Promise<T> {
  if ('session' in auth) return withBearer(auth.session, call)
  return call(authorizationHeader(auth))
}

/** UTF-8 safe base64 with only web APIs (runs in workerd and Node). */
function base64(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}
