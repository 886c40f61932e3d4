import * as oauth from 'oauth4webapi'
import {
  authorizationServer,
  codeGrant,
  clientOf,
  requestOptions,
  toOAuthError,
  type OAuthTransport,
} from '../kit/oauth-client.ts'
import {
  expiryFrom,
  OAuthError,
  parseScopes,
  type OAuthErrorCode,
  type OAuthTokens,
} from '../kit/oauth-tokens.ts'

/**
 * HubSpot OAuth (docs: "Manage OAuth access tokens with the 2026-03 API"), on oauth4webapi: form
 * bodies with the client id and secret in them, `/oauth/2026-03/token`, `/introspect`, `/revoke`.
 */

export interface HubSpotOAuthClient {
  clientId: string
  clientSecret: string
}

export interface HubSpotOAuthUrls {
  /** Where admins consent: `https://app.hubspot.com` (or a sandbox). */
  appBaseUrl?: string
  /** Where tokens are minted: `https://api.hubapi.com` (or a sandbox). */
  apiBaseUrl?: string
}

export const HUBSPOT_APP_URL = 'https://app.hubspot.com'
export const HUBSPOT_API_URL = 'https://api.hubapi.com'

/** Required at install; the feedback scope stays optional (not every portal has Service Hub). */
export const HUBSPOT_REQUIRED_SCOPES = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.companies.read',
  'tickets',
]
export const HUBSPOT_OPTIONAL_SCOPES = ['crm.objects.feedback_submissions.read']

export interface HubSpotAuthorizeInput extends HubSpotOAuthUrls {
  clientId: string
  redirectUri: string
  /** Every scope the app marks required must be here, or HubSpot refuses the install. */
  scopes: string[]
  optionalScopes?: string[]
  state: string
  codeChallenge?: string
}

/** `https://app.hubspot.com/oauth/authorize?client_id&redirect_uri&scope&optional_scope&state`. */
export function authorizeUrl(input: HubSpotAuthorizeInput): string {
  const url = new URL('/oauth/authorize', input.appBaseUrl ?? HUBSPOT_APP_URL)
  url.searchParams.set('client_id', input.clientId)
  url.searchParams.set('redirect_uri', input.redirectUri)
  url.searchParams.set('scope', input.scopes.join(' '))
  if (input.optionalScopes?.length) {
    url.searchParams.set('optional_scope', input.optionalScopes.join(' '))
  }
  url.searchParams.set('state', input.state)
  if (input.codeChallenge) {
    url.searchParams.set('code_challenge', input.codeChallenge)
    url.searchParams.set('code_challenge_method', 'S256')
  }
  return url.toString()
}

/** Tokens plus the portal they open: the worker files the connection under this hub id. */
export interface HubSpotTokens extends OAuthTokens {
  hubId: string
}

export interface HubSpotExchangeInput extends OAuthTransport, HubSpotOAuthUrls {
  client: HubSpotOAuthClient
  code: string
  redirectUri: string
  codeVerifier?: string
}

/**
 * Authorization code → tokens, then one introspection: the token answer does not name the portal
 * or the granted scopes (optional scopes may or may not have been granted).
 */
export async function exchangeCode(input: HubSpotExchangeInput): Promise<HubSpotTokens> {
  const endpoint = 'hubspot POST /oauth/2026-03/token'
  const { as, client, auth, options } = setup(input)
  let tokens: OAuthTokens
  try {
    tokens = toTokens(await codeGrant(as, client, auth, input, options), input)
  } catch (error) {
    throw await toOAuthError(error, endpoint, classifyHubSpotError)
  }
  const info = await introspect({ ...input, token: tokens.accessToken })
  if (!info.active || info.hubId === null) {
    throw new OAuthError('unexpected_response', endpoint, 200, 'new token is not active')
  }
  return { ...tokens, scopes: info.scopes, hubId: info.hubId }
}

export interface HubSpotRefreshInput extends OAuthTransport, HubSpotOAuthUrls {
  client: HubSpotOAuthClient
  refreshToken: string
  /** The grant's scopes, kept (the refresh answer does not list them). */
  scopes?: string[]
}

/** Refresh → a new access token; the refresh token is replaced if HubSpot sends a new one. */
export async function refreshTokens(input: HubSpotRefreshInput): Promise<OAuthTokens> {
  const endpoint = 'hubspot POST /oauth/2026-03/token (refresh_token)'
  const { as, client, auth, options } = setup(input)
  try {
    const response = await oauth.refreshTokenGrantRequest(
      as,
      client,
      auth,
      input.refreshToken,
      options,
    )
    const body = await oauth.processRefreshTokenResponse(as, client, response)
    return toTokens(body, input, input.refreshToken, input.scopes)
  } catch (error) {
    throw await toOAuthError(error, endpoint, classifyHubSpotError)
  }
}

export interface HubSpotTokenInfo {
  active: boolean
  hubId: string | null
  userId: string | null
  scopes: string[]
  /** When the token expires (ms), when HubSpot says. */
  expiresAt: number | null
}

/** `POST /oauth/2026-03/token/introspect` → is it live, which portal, which scopes. */
export async function introspect(
  input: OAuthTransport &
    HubSpotOAuthUrls & {
      client: HubSpotOAuthClient
      token: string
      tokenTypeHint?: 'access_token' | 'refresh_token'
    },
): Promise<HubSpotTokenInfo> {
  const endpoint = 'hubspot POST /oauth/2026-03/token/introspect'
  const { as, client, auth, options } = setup(input)
  try {
    const response = await oauth.introspectionRequest(as, client, auth, input.token, {
      ...options,
      additionalParameters: { token_type_hint: input.tokenTypeHint ?? 'access_token' },
    })
    const body = await oauth.processIntrospectionResponse(as, client, response)
    const id = (value: unknown) =>
      typeof value === 'number' || (typeof value === 'string' && value) ? String(value) : null
    return {
      active: body.active,
      hubId: id(body.hub_id),
      userId: id(body.user_id),
      scopes: parseScopes(body.scopes ?? body.scope),
      expiresAt: expiryFrom(body.expires_in, (input.now ?? Date.now)()),
    }
  } catch (error) {
    throw await toOAuthError(error, endpoint, classifyHubSpotError)
  }
}

/** `POST /oauth/2026-03/token/revoke`: revoking the refresh token ends the whole grant. */
export async function revoke(
  input: OAuthTransport &
    HubSpotOAuthUrls & {
      client: HubSpotOAuthClient
      token: string
      tokenTypeHint?: 'access_token' | 'refresh_token'
    },
): Promise<void> {
  const endpoint = 'hubspot POST /oauth/2026-03/token/revoke'
  const { as, client, auth, options } = setup(input)
  try {
    const response = await oauth.revocationRequest(as, client, auth, input.token, {
      ...options,
      additionalParameters: { token_type_hint: input.tokenTypeHint ?? 'refresh_token' },
    })
    await oauth.processRevocationResponse(response)
  } catch (error) {
    throw await toOAuthError(error, endpoint, classifyHubSpotError)
  }
}

/**
 * HubSpot's token endpoints answer its usual error body (`{status, message, category}`; the v1
 * endpoint said `status: BAD_REFRESH_TOKEN`), not RFC 6749's `{error}`. A 400 on a token request
 * is a dead code or refresh token unless the body names the client or a scope.
 */
export function classifyHubSpotError(status: number, body: unknown): OAuthErrorCode | null {
  const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {}
  const words = ['status', 'category', 'subCategory', 'message', 'error']
    .map((name) => (typeof fields[name] === 'string' ? (fields[name] as string) : ''))
    .join(' ')
  if (/BAD_CLIENT|client_id|client secret|client_secret/i.test(words)) return 'invalid_client'
  if (/scope/i.test(words)) return 'invalid_scope'
  if (/REDIRECT_URI|redirect/i.test(words)) return 'invalid_request'
  if (status === 400 || status === 401) return 'invalid_grant'
  return null
}

function setup(input: OAuthTransport & HubSpotOAuthUrls & { client: HubSpotOAuthClient }) {
  const api = input.apiBaseUrl ?? HUBSPOT_API_URL
  const url = (path: string) => new URL(path, api).toString()
  const as = authorizationServer(api, {
    token_endpoint: url('/oauth/2026-03/token'),
    introspection_endpoint: url('/oauth/2026-03/token/introspect'),
    revocation_endpoint: url('/oauth/2026-03/token/revoke'),
  })
  const { client, auth } = clientOf(input.client.clientId, input.client.clientSecret)
  return { as, client, auth, options: requestOptions(api, input) }
}

function toTokens(
  body: oauth.TokenEndpointResponse,
  transport: OAuthTransport,
  previousRefresh: string | null = null,
  previousScopes: string[] = [],
): OAuthTokens {
  const scopes = parseScopes(body.scopes ?? body.scope)
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token ?? previousRefresh,
    expiresAt: expiryFrom(body.expires_in, (transport.now ?? Date.now)()),
    scopes: scopes.length ? scopes : previousScopes,
  }
}

/** `refresh` for `createOAuthSession`, bound to one app. */
export function hubspotRefresher(
  config: OAuthTransport & HubSpotOAuthUrls & { client: HubSpotOAuthClient },
) {
  return (current: OAuthTokens): Promise<OAuthTokens> => {
    if (!current.refreshToken) {
      return Promise.reject(
        new OAuthError('invalid_grant', 'hubspot refresh', null, 'no refresh token'),
      )
    }
    return refreshTokens({ ...config, refreshToken: current.refreshToken, scopes: current.scopes })
  }
}
