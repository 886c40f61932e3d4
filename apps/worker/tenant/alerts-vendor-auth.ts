import { isSessionCredentials, type OAuthSession } from '../../../connectors/kit/oauth-session.ts'
import { OAuthError } from '../../../connectors/kit/oauth-tokens.ts'
import type { Connection, SqlPort } from '../../../core/store/index.ts'
import type { AttemptOutcome } from './alerts-webhook.ts'
import { lifecycleOf } from './lifecycle-state.ts'

/** Fixed credentials a vendor destination's call runs with (an access token, an API token…). */
export type CallCredentials = { kind: string } & Record<string, unknown>

/** One vendor destination's call: its HTTP answer, as the connectors' alert calls return it. */
export type VendorCall = (auth: CallCredentials) => Promise<{ ok: boolean; status: number }>

export interface VendorAuthDeps {
  sql: SqlPort
  /** The connection's credentials as the sync opens them: an install's grant is its OAuth session. */
  openAuth(connection: Connection): Promise<unknown>
}

/** A held delivery: kept pending, its attempts untouched, tried again once the cause may be gone. */
const held = (error: string, status: number | null = null): AttemptOutcome => ({
  ok: false,
  status,
  error,
  permanent: false,
  held: true,
})

/**
 * Runs a vendor destination's call as the connection, the way its sync calls the vendor: an
 * install's OAuth grant goes through the connection's one token session (refreshed before it
 * expires, single-flight with the sync's slices, the new pair sealed before use), and a 401 refreshes
 * once and retries once (the vendor's clock may end a token early). Credentials that do not work
 * — a refresh refused, a 401 after it, a connection already marked `needs_reconnect` — hold the
 * delivery instead of failing it: the alert waits for the admin to reconnect, it is never lost.
 */
export async function attemptAsConnection(
  deps: VendorAuthDeps,
  connection: Connection,
  vendor: string,
  call: VendorCall,
): Promise<AttemptOutcome> {
  const lifecycle = lifecycleOf(deps.sql, connection.id)
  if (lifecycle.state === 'needs_reconnect') {
    return held(`${vendor} connection ${connection.id} needs reconnecting; held until it is`)
  }
  try {
    const auth = await deps.openAuth(connection)
    const result = isSessionCredentials(auth)
      ? await withSessionToken(auth.session, call)
      : await call(auth as CallCredentials)
    if (result.ok) return { ok: true, status: result.status }
    if (result.status === 401) {
      return held(`${vendor} refused the connection's credentials (HTTP 401)`, 401)
    }
    const permanent =
      result.status >= 400 && result.status < 500 && result.status !== 408 && result.status !== 429
    return { ok: false, status: result.status, error: `${vendor} HTTP ${result.status}`, permanent }
  } catch (error) {
    if (error instanceof OAuthError) {
      // `invalid_grant`: the session has marked the grant and the connection needs_reconnect.
      const dead = error.code === 'invalid_grant'
      return held(
        `${vendor} token refresh failed (${error.code})` +
          (dead ? ': the connection needs reconnecting; held until it is' : ''),
      )
    }
    const name = error instanceof Error ? error.name : 'Error'
    return { ok: false, status: null, error: `network: ${name}`, permanent: false }
  }
}

/** The session's current token; after a 401, the token a refresh gave (once). */
async function withSessionToken(session: OAuthSession, call: VendorCall) {
  const token = await session.accessToken()
  const first = await call({ kind: 'oauth', accessToken: token })
  if (first.status !== 401) return first
  return call({ kind: 'oauth', accessToken: await session.afterUnauthorized(token) })
}
