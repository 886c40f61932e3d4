import type { Context, Hono } from 'hono'
import {
  createGrantStore,
  type GrantStore,
  type SandboxOAuthClient,
  type TokenRecord,
} from '../../kit/sandbox/oauth-grants.ts'
import { consentPage, submitConsent } from '../../kit/sandbox/consent-page.ts'
import type { SandboxState } from './state.ts'

/** Scopes Zendesk documents for grant-type tokens (docs: "Create Token for Grant Type" › Scope). */
const RESOURCES = [
  'tickets',
  'users',
  'auditlogs',
  'organizations',
  'hc',
  'apps',
  'triggers',
].concat(['automations', 'targets', 'webhooks', 'satisfaction_ratings'])
export const ZENDESK_KNOWN_SCOPES = [
  'read',
  'write',
  'impersonate',
  ...RESOURCES.flatMap((r) => [`${r}:read`, `${r}:write`]),
]

export const DEFAULT_ZENDESK_CLIENT: SandboxOAuthClient = {
  clientId: 'zdg-cxlens-sandbox',
  clientSecret: 'sandbox-client-secret',
  redirectUris: [
    'http://127.0.0.1:8787/oauth/zendesk/callback',
    'http://localhost:8787/oauth/zendesk/callback',
  ],
  allowedScopes: ['read', 'write', ...RESOURCES.flatMap((r) => [`${r}:read`, `${r}:write`])],
}

export interface ZendeskOAuthOptions {
  clients?: SandboxOAuthClient[]
  /** Access token lifetime when the request names none (global clients: 30 min since Feb 2026). */
  accessTtlSeconds?: number
  /** Refresh token lifetime when the request names none (30 days). */
  refreshTtlSeconds?: number
}

// Doorkeeper's wording, which Zendesk's OAuth answers carry [unverified beyond the error codes].
const DESCRIPTIONS = {
  invalid_grant:
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  invalid_client:
    'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
  invalid_scope: 'The requested scope is invalid, unknown, or malformed.',
  invalid_request:
    'The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.',
  unsupported_grant_type:
    'The authorization grant type is not supported by the authorization server.',
}

type OAuthErrorName = keyof typeof DESCRIPTIONS

function oauthError(c: Context, error: OAuthErrorName, detail?: string) {
  const status = error === 'invalid_client' ? 401 : 400
  return c.json(
    {
      error,
      error_description: detail ? `${DESCRIPTIONS[error]} (${detail})` : DESCRIPTIONS[error],
    },
    status,
  )
}

/** Access-token lifetimes a request may ask for (docs: "Create Token for Grant Type"). */
function lifetime(value: unknown, min: number, max: number): number | null | 'bad' {
  if (value === undefined || value === null) return null
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    return 'bad'
  return value
}

/**
 * Zendesk's OAuth endpoints for a global client, on the sandbox clock: the consent page
 * (`GET /oauth/authorizations/new`), the JSON-only token endpoint (`POST /oauth/tokens`: codes
 * single-use for 120 s, refresh rotates the pair), and the token records under
 * `/api/v2/oauth/tokens` (docs: "Using OAuth authentication with your application", "OAuth Tokens",
 * "Create Token for Grant Type").
 */
export function createZendeskOAuth(state: SandboxState, options: ZendeskOAuthOptions = {}) {
  const store = createGrantStore({
    now: () => state.now(),
    accessTtlSeconds: options.accessTtlSeconds ?? 1800,
    refreshTtlSeconds: options.refreshTtlSeconds ?? 2_592_000,
    codeTtlSeconds: 120,
    rotateRefreshTokens: true,
    prefix: 'zd',
  })
  for (const client of options.clients ?? [DEFAULT_ZENDESK_CLIENT]) store.registerClient(client)
  const adminId = () => [...state.account.users.values()].find((u) => u.role === 'admin')?.id ?? 1

  function register(app: Hono, baseUrl: (c: Context) => string) {
    app.get('/oauth/authorizations/new', (c) => {
      const q = (name: string) => c.req.query(name) ?? ''
      const client = store.client(q('client_id'))
      if (!client) return c.html(errorPage('Unknown client_id.'), 400)
      if (!client.redirectUris.includes(q('redirect_uri'))) {
        return c.html(errorPage('redirect_uri is not registered for this client.'), 400)
      }
      if (q('response_type') !== 'code')
        return c.html(errorPage('response_type must be code.'), 400)
      const scopes = q('scope').split(' ').filter(Boolean)
      const unknown = scopes.filter((s) => !client.allowedScopes.includes(s))
      if (scopes.length === 0 || unknown.length > 0) {
        // Since Aug 2026 a scope outside the client's allowed scopes answers 400 invalid_scope.
        return oauthError(c, 'invalid_scope', unknown.join(' ') || 'scope is required')
      }
      const challenge = c.req.query('code_challenge') ?? null
      if (challenge && c.req.query('code_challenge_method') !== 'S256') {
        return c.html(errorPage('code_challenge_method must be S256.'), 400)
      }
      const consent = store.openConsent({
        clientId: client.clientId,
        redirectUri: q('redirect_uri'),
        scopes,
        state: c.req.query('state') ?? null,
        codeChallenge: challenge,
      })
      return c.html(
        consentPage({
          title: `Allow ${client.clientId} to access ${state.account.subdomain}.zendesk.com?`,
          action: '/oauth/authorizations',
          consentId: consent.id,
          scopes,
        }),
      )
    })

    app.post('/oauth/authorizations', async (c) => {
      const form = await c.req.parseBody()
      const id = String(form.consent_id ?? '')
      const consent = store.consent(id)
      if (!consent) return c.html(errorPage('This authorization request is unknown or used.'), 400)
      const target = new URL(consent.redirectUri)
      if (form.decision === 'approve') {
        target.searchParams.set('code', store.issueCode(id, adminId()) ?? '')
      } else {
        store.denyConsent(id)
        target.searchParams.set('error', 'access_denied')
        target.searchParams.set(
          'error_description',
          'The resource owner or authorization server denied the request.',
        )
      }
      if (consent.state !== null) target.searchParams.set('state', consent.state)
      return c.redirect(target.toString(), 302)
    })

    app.post('/oauth/tokens', async (c) => {
      // The docs say the parameters "must be formatted as JSON"; a form body is refused (strict).
      if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
        return oauthError(c, 'invalid_request', 'body must be JSON')
      }
      const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null
      if (!body || typeof body !== 'object')
        return oauthError(c, 'invalid_request', 'malformed JSON')
      const str = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : null)
      const expiresIn = lifetime(body.expires_in, 300, 172_800)
      const refreshExpiresIn = lifetime(body.refresh_token_expires_in, 604_800, 7_776_000)
      if (expiresIn === 'bad') return oauthError(c, 'invalid_request', 'expires_in out of range')
      if (refreshExpiresIn === 'bad') {
        return oauthError(c, 'invalid_request', 'refresh_token_expires_in out of range')
      }
      const clientId = str('client_id')
      if (!clientId) return oauthError(c, 'invalid_client')
      const ttl = expiresIn ?? undefined
      let result
      if (body.grant_type === 'authorization_code') {
        const code = str('code')
        if (!code) return oauthError(c, 'invalid_request', 'code is required')
        result = await store.redeemCode(code, {
          clientId,
          clientSecret: str('client_secret'),
          redirectUri: str('redirect_uri'),
          codeVerifier: str('code_verifier'),
          ...(ttl ? { accessTtlSeconds: ttl } : {}),
        })
      } else if (body.grant_type === 'refresh_token') {
        const refresh = str('refresh_token')
        const secret = str('client_secret')
        if (!refresh) return oauthError(c, 'invalid_request', 'refresh_token is required')
        if (!secret) return oauthError(c, 'invalid_client')
        result = store.refresh(refresh, {
          clientId,
          clientSecret: secret,
          ...(ttl ? { accessTtlSeconds: ttl } : {}),
        })
      } else {
        return oauthError(c, 'unsupported_grant_type')
      }
      if (!result.ok) return oauthError(c, result.error, result.reason)
      const asked = str('scope')?.split(' ').filter(Boolean) ?? []
      if (asked.some((s) => !result.record.scopes.includes(s))) {
        store.revokeRecord(result.record.id)
        return oauthError(c, 'invalid_scope', 'scope wider than the grant')
      }
      const record = result.record
      if (refreshExpiresIn) record.refreshExpiresAt = state.now() + refreshExpiresIn * 1000
      return c.json(tokenResponse(record, state.now()), 201)
    })

    // docs: "OAuth Tokens" › Show Token: only the first 10 characters of the tokens are shown.
    app.get('/api/v2/oauth/tokens/current.json', (c) => {
      const record = callers.get(c.req.raw)
      if (!record) return c.json({ error: 'InvalidEndpoint', description: 'Not found' }, 404)
      return c.json({ token: tokenJson(record, baseUrl(c)) })
    })
    app.delete('/api/v2/oauth/tokens/:id', (c) => {
      const id = Number(c.req.param('id').replace(/\.json$/, ''))
      const record = store.record(id)
      const caller = callers.get(c.req.raw)
      // Without `/api/v2/oauth/tokens` list rights, a token can only revoke its own user's tokens.
      if (!record || record.revoked || (caller && caller.userId !== record.userId)) {
        return c.json({ error: 'RecordNotFound', description: 'Not found' }, 404)
      }
      store.revokeRecord(id)
      return c.body(null, 204)
    })
  }

  /** The OAuth token behind each authenticated request (set by the sandbox's auth step). */
  const callers = new WeakMap<Request, TokenRecord>()

  return {
    store,
    register,
    callers,
    /** Knob: lifetime of access tokens minted from now on (when the request names none). */
    setAccessTtl: (seconds: number) => store.setAccessTtl(seconds),
    registerClient: (client: SandboxOAuthClient) => store.registerClient(client),
    /** Submits the consent page of `authorizeUrl` as the admin would; returns the redirect. */
    approve: (app: Hono, authorizeUrl: string, decision: 'approve' | 'deny' = 'approve') =>
      submitConsent(app, authorizeUrl, decision),
  }
}

export type ZendeskOAuth = ReturnType<typeof createZendeskOAuth>
export type { GrantStore }

function tokenResponse(record: TokenRecord, now: number) {
  return {
    access_token: record.accessToken,
    token_type: 'bearer',
    scope: record.scopes.join(' '),
    refresh_token: record.refreshToken,
    expires_in: Math.round((record.accessExpiresAt - now) / 1000),
    refresh_token_expires_in:
      record.refreshExpiresAt === null ? null : Math.round((record.refreshExpiresAt - now) / 1000),
  }
}

function tokenJson(record: TokenRecord, baseUrl: string) {
  const iso = (ms: number | null) =>
    ms === null ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
  return {
    id: record.id,
    url: `${baseUrl}/api/v2/oauth/tokens/${record.id}.json`,
    client_id: 1,
    user_id: record.userId,
    token: record.accessToken.slice(0, 10),
    refresh_token: record.refreshToken ? `${record.refreshToken.slice(0, 10)}...` : null,
    created_at: iso(record.createdAt),
    expires_at: iso(record.accessExpiresAt),
    refresh_token_expires_at: iso(record.refreshExpiresAt),
    used_at: iso(record.createdAt),
    scopes: record.scopes,
  }
}

function errorPage(message: string): string {
  return `<!doctype html><title>Zendesk</title><h1>Invalid authorization request</h1><p>${message}</p>`
}

/** Which scope a call needs: `read`/`write`, or the resource's own (docs: "Scope"). */
export function requiredScopes(method: string, path: string): string[] | null {
  if (path.startsWith('/api/v2/oauth/tokens')) return null
  const match = path.match(/^\/api\/v2\/(?:incremental\/)?([a-z_]+)/)
  const resource = path.startsWith('/api/v2/guide/') ? 'hc' : (match?.[1] ?? '')
  const access = method === 'GET' || method === 'HEAD' ? 'read' : 'write'
  return [access, `${resource}:${access}`]
}
