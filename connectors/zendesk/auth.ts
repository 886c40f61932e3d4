import { withBearer, type OAuthSession } from '../kit/oauth-session.ts'

/**
 * How cxlens authenticates to one Zendesk account: an API token, a fixed OAuth access token, or
 * an OAuth session that refreshes itself (global client installs; see `kit/oauth-session.ts`).
 */
export type ZendeskAuth =
  | { kind: 'api_token'; email: string; token: string }
  | { kind: 'oauth'; accessToken: string }
  | { kind: 'oauth'; session: OAuthSession }

/**
 * The `Authorization` header of a fixed credential. API tokens use Basic with the user
 * `{email}/token` (docs: "Security and authentication" › API token); OAuth access tokens use Bearer.
 * A session has no fixed header: use `withAuthorization`.
 */
export function authorizationHeader(auth: ZendeskAuth): string {
  if ('session' in auth)
    throw new Error('An OAuth session has no fixed header: use withAuthorization')
  if (auth.kind === 'oauth') return `Bearer ${auth.accessToken}`
  return `Basic ${base64(`${auth.email}/token:${auth.token}`)}`
}

/** Runs a call with the right header; a session refreshes before expiry and once after a 401. */
export function withAuthorization<T>(
  auth: ZendeskAuth,
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
