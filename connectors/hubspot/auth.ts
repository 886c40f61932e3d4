import { withBearer, type OAuthSession } from '../kit/oauth-session.ts'

/**
 * How cxlens authenticates to one HubSpot portal: a private app token, a fixed OAuth access token,
 * or an OAuth session that refreshes itself (marketplace installs; see `kit/oauth-session.ts`).
 */
export type HubSpotAuth =
  | { kind: 'private_app'; token: string }
  | { kind: 'oauth'; accessToken: string }
  | { kind: 'oauth'; session: OAuthSession }

/** Both fixed kinds are Bearer tokens (docs: "Authentication methods on HubSpot"). */
export function authorizationHeader(auth: HubSpotAuth): string {
  if ('session' in auth)
    throw new Error('An OAuth session has no fixed header: use withAuthorization')
  return `Bearer ${auth.kind === 'private_app' ? auth.token : auth.accessToken}`
}

/** Runs a call with the right header; a session refreshes before expiry and once after a 401. */
export function withAuthorization<T>(
  auth: HubSpotAuth,
  call: (authorization: string) => Promise<T>,
): Promise<T> {
  if ('session' in auth) return withBearer(auth.session, call)
  return call(authorizationHeader(auth))
}

/** The scopes an auth is known to hold, or null when it cannot tell (private apps, fixed tokens). */
export function grantedScopes(auth: HubSpotAuth): string[] | null {
  return 'session' in auth ? auth.session.tokens().scopes : null
}
