import type { Context, Hono } from 'hono'
import { consentPage, submitConsent } from '../../kit/sandbox/consent-page.ts'
import {
  createGrantStore,
  type AccessCheck,
  type SandboxOAuthClient,
  type TokenRecord,
} from '../../kit/sandbox/oauth-grants.ts'
import { errorBody } from './serialize.ts'

export const HUBSPOT_SANDBOX_SCOPES = {
  required: ['oauth', 'crm.objects.contacts.read', 'crm.objects.companies.read', 'tickets'],
  optional: ['crm.objects.feedback_submissions.read'],
}

export const DEFAULT_HUBSPOT_CLIENT: SandboxOAuthClient = {
  clientId: '7c3e0f2a-5b1d-4c8e-9f60-cx1e45a0b5e1',
  clientSecret: 'sandbox-hubspot-client-secret',
  redirectUris: [
    'http://127.0.0.1:8787/oauth/hubspot/callback',
    'http://localhost:8787/oauth/hubspot/callback',
  ],
  requiredScopes: HUBSPOT_SANDBOX_SCOPES.required,
  allowedScopes: [...HUBSPOT_SANDBOX_SCOPES.required, ...HUBSPOT_SANDBOX_SCOPES.optional],
}

export interface HubSpotOAuthOptions {
  clients?: SandboxOAuthClient[]
  /** Access token lifetime, s: 1800 as HubSpot documents; shorten it to test refresh. */
  accessTtlSeconds?: number
  /** Scopes this portal cannot grant (e.g. no Service Hub: no feedback submissions). */
  unavailableScopes?: string[]
  /**
   * Whether a refresh returns a new refresh token and kills the old one. HubSpot does not document
   * rotation and its v1 endpoint kept the refresh token: off by default.
   */
  rotateRefreshTokens?: boolean
  /** How long a code works, s: HubSpot says "a short window" without a number; strict 60 s. */
  codeTtlSeconds?: number
}

/** The scope an object type's calls need (docs: "Scopes"). */
const OBJECT_SCOPES: Record<string, string> = {
  contacts: 'crm.objects.contacts.read',
  contact: 'crm.objects.contacts.read',
  '0-1': 'crm.objects.contacts.read',
  companies: 'crm.objects.companies.read',
  company: 'crm.objects.companies.read',
  '0-2': 'crm.objects.companies.read',
  tickets: 'tickets',
  ticket: 'tickets',
  '0-5': 'tickets',
  feedback_submissions: 'crm.objects.feedback_submissions.read',
  feedback_submission: 'crm.objects.feedback_submissions.read',
  '0-19': 'crm.objects.feedback_submissions.read',
}

/** Scopes a CRM path needs: every object type it names. */
export function scopesForPath(path: string): string[] {
  const parts = path.split('/')
  const types = path.startsWith('/crm/v4/objects/')
    ? [parts[4], parts[7]]
    : path.startsWith('/crm/v4/associations/')
      ? [parts[4], parts[5]]
      : path.startsWith('/crm/v3/pipelines/') || path.startsWith('/crm/v3/properties/')
        ? [parts[4]]
        : [parts[4]]
  return [...new Set(types.flatMap((t) => (t && OBJECT_SCOPES[t] ? [OBJECT_SCOPES[t]] : [])))]
}

/**
 * HubSpot's OAuth, 2026-03 endpoints (docs: "Manage OAuth access tokens with the 2026-03 API"):
 * the install page at `/oauth/authorize`, form-only `/oauth/2026-03/token`, `/token/introspect`,
 * `/token/revoke`; API calls then check the token's expiry and scopes.
 */
export function createHubSpotOAuth(
  portalId: string,
  now: () => number,
  options: HubSpotOAuthOptions = {},
) {
  const store = createGrantStore({
    now,
    accessTtlSeconds: options.accessTtlSeconds ?? 1800,
    refreshTtlSeconds: null,
    codeTtlSeconds: options.codeTtlSeconds ?? 60,
    rotateRefreshTokens: options.rotateRefreshTokens ?? false,
    prefix: 'hs',
  })
  for (const client of options.clients ?? [DEFAULT_HUBSPOT_CLIENT]) store.registerClient(client)
  const unavailable = new Set(options.unavailableScopes ?? [])
  const userId = 1_000_001

  const bad = (c: Context, message: string, status: 400 | 401 = 400) =>
    c.json(errorBody('VALIDATION_ERROR', message), status)

  /** The v3 endpoints take every parameter in a form body (docs: "… 2026-03 API"). */
  async function form(c: Context): Promise<Record<string, string> | null> {
    if (!(c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
      return null
    }
    const params = new URLSearchParams(await c.req.text())
    return Object.fromEntries(params)
  }

  function register(app: Hono) {
    app.get('/oauth/authorize', (c) => {
      const q = (name: string) => c.req.query(name) ?? ''
      const client = store.client(q('client_id'))
      if (!client) return c.html(page('This app is not available (unknown client_id).'), 400)
      if (!client.redirectUris.includes(q('redirect_uri'))) {
        return c.html(page('The redirect URL does not match the app settings.'), 400)
      }
      const scopes = q('scope').split(' ').filter(Boolean)
      const optional = q('optional_scope').split(' ').filter(Boolean)
      const missing = (client.requiredScopes ?? []).filter((s) => !scopes.includes(s))
      const unknown = [...scopes, ...optional].filter((s) => !client.allowedScopes.includes(s))
      if (missing.length || unknown.length) {
        // HubSpot refuses an install whose scope does not carry every required scope.
        return c.html(
          page(`Scope mismatch: missing ${missing.join(' ')} unknown ${unknown.join(' ')}`),
          400,
        )
      }
      const granted = [...scopes, ...optional.filter((s) => !unavailable.has(s))]
      const consent = store.openConsent({
        clientId: client.clientId,
        redirectUri: q('redirect_uri'),
        scopes: [...new Set(granted)],
        state: c.req.query('state') ?? null,
        codeChallenge: c.req.query('code_challenge') ?? null,
      })
      return c.html(
        consentPage({
          title: `Connect app to HubSpot account ${portalId}?`,
          action: '/oauth/authorize/decision',
          consentId: consent.id,
          scopes: consent.scopes,
        }),
      )
    })

    app.post('/oauth/authorize/decision', async (c) => {
      const body = await c.req.parseBody()
      const id = String(body.consent_id ?? '')
      const consent = store.consent(id)
      if (!consent) return c.html(page('This install request is unknown or used.'), 400)
      const target = new URL(consent.redirectUri)
      if (body.decision === 'approve')
        target.searchParams.set('code', store.issueCode(id, userId) ?? '')
      else {
        store.denyConsent(id)
        target.searchParams.set('error', 'access_denied')
      }
      if (consent.state !== null) target.searchParams.set('state', consent.state)
      return c.redirect(target.toString(), 302)
    })

    app.post('/oauth/2026-03/token', async (c) => {
      const p = await form(c)
      if (!p) return bad(c, 'Content-Type must be application/x-www-form-urlencoded')
      if (!p.client_id || !p.client_secret || !store.clientFor(p.client_id, p.client_secret)) {
        return bad(c, 'Invalid client_id or client_secret', 401)
      }
      let result
      if (p.grant_type === 'authorization_code') {
        if (!p.code || !p.redirect_uri) return bad(c, 'code and redirect_uri are required')
        result = await store.redeemCode(p.code, {
          clientId: p.client_id,
          clientSecret: p.client_secret,
          redirectUri: p.redirect_uri,
          codeVerifier: p.code_verifier ?? null,
        })
      } else if (p.grant_type === 'refresh_token') {
        if (!p.refresh_token) return bad(c, 'missing or invalid refresh token')
        result = store.refresh(p.refresh_token, {
          clientId: p.client_id,
          clientSecret: p.client_secret,
        })
      } else {
        return bad(c, `Unsupported grant_type ${p.grant_type ?? ''}`)
      }
      if (!result.ok) {
        const message =
          result.error === 'invalid_client'
            ? 'Invalid client_id or client_secret'
            : p.grant_type === 'refresh_token'
              ? 'missing or invalid refresh token'
              : `missing or invalid authorization code (${result.reason})`
        return bad(c, message, result.error === 'invalid_client' ? 401 : 400)
      }
      const record = result.record
      return c.json({
        access_token: record.accessToken,
        refresh_token: record.refreshToken,
        expires_in: Math.round((record.accessExpiresAt - now()) / 1000),
        token_type: 'bearer',
      })
    })

    app.post('/oauth/2026-03/token/introspect', async (c) => {
      const p = await form(c)
      if (!p) return bad(c, 'Content-Type must be application/x-www-form-urlencoded')
      if (!p.client_id || !p.client_secret || !store.clientFor(p.client_id, p.client_secret)) {
        return bad(c, 'Invalid client_id or client_secret', 401)
      }
      const token = p.token ?? ''
      const access = store.checkAccess(token)
      const record = access.status === 'active' ? access.record : store.refreshRecord(token)
      if (!record || record.clientId !== p.client_id) return c.json({ active: false })
      const isAccess = access.status === 'active'
      return c.json({
        active: true,
        token_type: isAccess ? 'access_token' : 'refresh_token',
        client_id: record.clientId,
        hub_id: Number(portalId),
        user_id: record.userId,
        scopes: record.scopes,
        ...(isAccess ? { expires_in: Math.round((record.accessExpiresAt - now()) / 1000) } : {}),
      })
    })

    // RFC 7009 §2.2: an unknown or already revoked token also answers 200.
    app.post('/oauth/2026-03/token/revoke', async (c) => {
      const p = await form(c)
      if (!p) return bad(c, 'Content-Type must be application/x-www-form-urlencoded')
      if (!p.client_id || !p.client_secret || !store.clientFor(p.client_id, p.client_secret)) {
        return bad(c, 'Invalid client_id or client_secret', 401)
      }
      const token = p.token ?? ''
      const refresh = store.refreshRecord(token)
      if (refresh) store.revokeGrant(refresh.grantId)
      const access = store.checkAccess(token)
      if (access.status === 'active') store.revokeRecord(access.record.id)
      return c.body(null, 200)
    })
  }

  /** The API side: undefined when the token is not one this sandbox issued. */
  function authenticate(c: Context, token: string): Response | TokenRecord | undefined {
    const check: AccessCheck = store.checkAccess(token)
    if (check.status === 'unknown') return undefined
    if (check.status === 'expired') {
      const ago = Math.max(1, Math.round(check.expiredForMs / 1000))
      return c.json(
        errorBody(
          'EXPIRED_AUTHENTICATION',
          `The OAuth token used to make this call expired ${ago} second(s) ago.`,
        ),
        401,
      )
    }
    if (check.status === 'revoked') {
      return c.json(
        errorBody('INVALID_AUTHENTICATION', 'Authentication credentials not found.'),
        401,
      )
    }
    const needed = scopesForPath(c.req.path).filter((s) => !check.record.scopes.includes(s))
    if (needed.length) {
      return c.json(
        errorBody(
          'MISSING_SCOPES',
          "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
          {
            errors: [
              {
                message: 'One or more of the following scopes are required.',
                context: { requiredGranularScopes: needed },
              },
            ],
          },
        ),
        403,
      )
    }
    return check.record
  }

  return {
    store,
    register,
    authenticate,
    setAccessTtl: (seconds: number) => store.setAccessTtl(seconds),
    registerClient: (client: SandboxOAuthClient) => store.registerClient(client),
    /** The portal uninstalls the app: every grant of the client dies. */
    uninstall(clientId = DEFAULT_HUBSPOT_CLIENT.clientId) {
      for (const grant of store.grantsOf(clientId)) store.revokeGrant(grant)
    },
    approve: (app: Hono, url: string, decision: 'approve' | 'deny' = 'approve') =>
      submitConsent(app, url, decision),
  }
}

function page(message: string): string {
  return `<!doctype html><title>HubSpot</title><h1>Couldn't complete the connection</h1><p>${message}</p>`
}
