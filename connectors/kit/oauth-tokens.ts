import { z } from 'zod'

/**
 * An OAuth grant as a connection stores it (sealed): what an install's code exchange gave, kept up
 * to date by the session's refreshes. The connector never sees it: the tenant turns it into a
 * session (`{kind: 'oauth', session}`) that refreshes and re-seals it.
 */
export const StoredOAuthGrant = z.strictObject({
  kind: z.literal('oauth_grant'),
  accessToken: z.string().min(1).max(4000),
  refreshToken: z.string().min(1).max(4000).nullable(),
  /** ms since epoch; null when the vendor gave no lifetime. */
  expiresAt: z.number().int().nullable(),
  scopes: z.array(z.string().max(200)).max(100),
  /** Zendesk's token record id (revocation by id). */
  tokenId: z.number().int().optional(),
})
export type StoredOAuthGrant = z.infer<typeof StoredOAuthGrant>

/** What cxlens keeps of one OAuth grant: sealed by the worker, handed back to the session. */
export interface OAuthTokens {
  accessToken: string
  /** Null when the vendor issued none (a Zendesk client without refresh tokens). */
  refreshToken: string | null
  /** When the access token stops working (ms since epoch); null if the vendor gave no lifetime. */
  expiresAt: number | null
  /** Scopes granted (not merely requested). */
  scopes: string[]
}

/**
 * Why an OAuth call failed, in terms a connection state can act on:
 * - `invalid_grant`: the code or refresh token is used, expired or revoked (the app was
 *   uninstalled or access withdrawn): the connection needs an admin to reconnect.
 * - `invalid_scope`: a requested scope is not allowed for this client.
 * - `invalid_client`: our client id or secret is wrong: an operator problem, not the tenant's.
 * - `invalid_request`: we sent something the vendor refused (a bug on our side).
 * - `network`: no answer, or a 5xx / 429: try again later, the grant is probably fine.
 * - `unexpected_response`: an answer we cannot read.
 */
export type OAuthErrorCode =
  | 'invalid_grant'
  | 'invalid_scope'
  | 'invalid_client'
  | 'invalid_request'
  | 'network'
  | 'unexpected_response'

/** A failed OAuth call. Never carries a token or secret: only the vendor's error code and text. */
export class OAuthError extends Error {
  override name = 'OAuthError'
  readonly code: OAuthErrorCode
  /** The vendor's HTTP status, null when there was no answer. */
  readonly status: number | null
  /** `zendesk POST /oauth/tokens`… */
  readonly endpoint: string

  constructor(code: OAuthErrorCode, endpoint: string, status: number | null, detail = '') {
    super(
      `${endpoint}: ${code}${status !== null ? ` (${status})` : ''}${detail ? `: ${detail}` : ''}`,
    )
    this.code = code
    this.status = status
    this.endpoint = endpoint
  }

  /** True when only a new consent from an admin can fix it. */
  get needsReconnect(): boolean {
    return this.code === 'invalid_grant'
  }
}

/** Splits a space-separated scope string; tolerates commas and repeated blanks. */
export function parseScopes(scope: unknown): string[] {
  if (Array.isArray(scope)) return scope.filter((s): s is string => typeof s === 'string')
  if (typeof scope !== 'string') return []
  return [...new Set(scope.split(/[\s,]+/).filter(Boolean))]
}

/** `expires_in` seconds from `now` → an instant, or null when absent. */
export function expiryFrom(expiresIn: unknown, now: number): number | null {
  const seconds = typeof expiresIn === 'string' ? Number(expiresIn) : expiresIn
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? now + seconds * 1000
    : null
}
