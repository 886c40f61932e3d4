import { OAuthError, type OAuthTokens } from './oauth-tokens.ts'

export interface OAuthSessionOptions {
  /** The sealed tokens the worker holds for this connection. */
  tokens: OAuthTokens
  /** One vendor refresh call (`refreshTokens` of connectors/<vendor>/oauth.ts, bound to the client). */
  refresh(current: OAuthTokens): Promise<OAuthTokens>
  /**
   * Seals the new tokens. Called after every refresh and BEFORE the new access token is handed
   * out: Zendesk has already invalidated the old refresh token, so an unsaved pair is a lost grant.
   */
  persistTokens(tokens: OAuthTokens): Promise<void>
  /** Called once when the grant is dead (revoked, app uninstalled): mark the connection. */
  onInvalidGrant?(error: OAuthError): void | Promise<void>
  now?: () => number
  /** Refresh this long before expiry (default 2 minutes, at most half the token's remaining life). */
  marginMs?: number
}

export interface OAuthSession {
  /** A usable access token: refreshed first when it expires within the margin. */
  accessToken(): Promise<string>
  /**
   * The API answered 401 to `rejected`: refresh unless another caller already did, and return the
   * token to retry with once. Throws `OAuthError` (e.g. `invalid_grant`) when refresh fails.
   */
  afterUnauthorized(rejected: string): Promise<string>
  /** The current tokens (for the connect page: scopes, expiry). */
  tokens(): OAuthTokens
  /** Set once the grant is dead; every later call throws it without calling the vendor. */
  readonly failure: OAuthError | null
}

/**
 * Keeps one connection's OAuth tokens valid. Refreshes are single-flight: every caller waiting at
 * the same moment shares one vendor call (Zendesk rotates the pair on refresh, so two concurrent
 * refreshes would leave one caller with a dead refresh token). Keep ONE session per connection for
 * the life of the tenant object, as with the rate budget.
 */
export function createOAuthSession(options: OAuthSessionOptions): OAuthSession {
  const now = options.now ?? Date.now
  const margin = options.marginMs ?? 120_000
  let current = { ...options.tokens }
  /** A refreshed pair whose persist failed: saved again before anything else. */
  let unsaved: OAuthTokens | null = null
  let inflight: Promise<OAuthTokens> | null = null
  let failure: OAuthError | null = null
  /** When `current` was obtained (or the session made): bounds the margin for short-lived tokens. */
  let obtainedAt = now()

  const expiringSoon = (tokens: OAuthTokens) => {
    if (tokens.expiresAt === null) return false
    const lifetime = tokens.expiresAt - obtainedAt
    return tokens.expiresAt - now() <= Math.min(margin, Math.max(0, lifetime / 2))
  }

  async function save(tokens: OAuthTokens): Promise<void> {
    unsaved = tokens
    await options.persistTokens(tokens)
    unsaved = null
    current = tokens
    obtainedAt = now()
  }

  function refreshOnce(): Promise<OAuthTokens> {
    if (failure) return Promise.reject(failure)
    if (inflight) return inflight
    inflight = (async () => {
      try {
        if (unsaved) {
          await save(unsaved)
          if (!expiringSoon(current)) return current
        }
        if (!current.refreshToken) {
          throw new OAuthError('invalid_grant', 'oauth session', null, 'no refresh token')
        }
        const next = await options.refresh(current)
        await save({
          ...next,
          refreshToken: next.refreshToken ?? current.refreshToken,
          scopes: next.scopes.length ? next.scopes : current.scopes,
        })
        return current
      } catch (error) {
        if (error instanceof OAuthError && error.code === 'invalid_grant') {
          failure = error
          await options.onInvalidGrant?.(error)
        }
        throw error
      } finally {
        inflight = null
      }
    })()
    return inflight
  }

  return {
    async accessToken() {
      if (failure) throw failure
      if (inflight) return (await inflight).accessToken
      if (unsaved || expiringSoon(current)) return (await refreshOnce()).accessToken
      return current.accessToken
    },
    async afterUnauthorized(rejected) {
      if (failure) throw failure
      if (inflight) return (await inflight).accessToken
      if (current.accessToken !== rejected && !unsaved) return current.accessToken
      return (await refreshOnce()).accessToken
    },
    tokens: () => ({ ...current, scopes: [...current.scopes] }),
    get failure() {
      return failure
    },
  }
}

/**
 * Runs one API call with the session's bearer token; on a 401 (an error with `status: 401`, as the
 * engine's `HttpError` carries) refreshes once and retries once with the new token.
 */
export async function withBearer<T>(
  session: OAuthSession,
  call: (authorization: string) => Promise<T>,
): Promise<T> {
  const token = await session.accessToken()
  try {
    return await call(`Bearer ${token}`)
  } catch (error) {
    if ((error as { status?: unknown } | null)?.status !== 401) throw error
    return call(`Bearer ${await session.afterUnauthorized(token)}`)
  }
}

/** Runtime credentials carrying a live session (never stored: the tenant builds them per slice). */
export interface SessionCredentials {
  kind: 'oauth'
  session: OAuthSession
}

export function isSessionCredentials(auth: unknown): auth is SessionCredentials {
  return (
    typeof auth === 'object' &&
    auth !== null &&
    (auth as { kind?: unknown }).kind === 'oauth' &&
    typeof (auth as { session?: { accessToken?: unknown } }).session?.accessToken === 'function'
  )
}
