import { ZENDESK_SUBDOMAIN } from './connection.ts'
import * as oauth from 'oauth4webapi'
import {
  authorizationServer,
  codeGrant,
  clientOf,
  requestOptions,
  toOAuthError,
  type OAuthTransport,
} from '../kit/oauth-client.ts'
import { expiryFrom, OAuthError, parseScopes, type OAuthTokens } from '../kit/oauth-tokens.ts'

/**
 * Zendesk OAuth for a global (marketplace) client, on oauth4webapi. Zendesk departs from RFC 6749
 * in two places, both handled in `zendeskJsonBody` only: the token endpoint takes a JSON body,
 * and it answers `201 Created` (docs: "Create Token for Grant Type", POST /oauth/tokens).
 */

export interface ZendeskOAuthClient {
  /** The global client's unique identifier (`zdg-…`). */
  clientId: string
  clientSecret: string
}

/** The account's own host: every OAuth and API call of that account goes there. */
export function zendeskAccountUrl(subdomain: string): string {
  if (!ZENDESK_SUBDOMAIN.test(subdomain)) throw new Error('Invalid Zendesk subdomain')
  return `https://${subdomain.toLowerCase()}.zendesk.com`
}

/** What cxlens asks for: read everything it syncs, write only the webhooks and triggers it sets up. */
export const ZENDESK_SCOPES = ['read', 'webhooks:write', 'triggers:write']

export interface ZendeskAuthorizeInput {
  /** `https://{subdomain}.zendesk.com` (see `zendeskAccountUrl`) or a sandbox. */
  baseUrl: string
  clientId: string
  redirectUri: string
  scopes: string[]
  state: string
  /** PKCE S256 challenge (optional for a confidential client). */
  codeChallenge?: string
}

/** `GET /oauth/authorizations/new` (docs: "Using OAuth authentication with your application"). */
export function authorizeUrl(input: ZendeskAuthorizeInput): string {
  const url = new URL('/oauth/authorizations/new', input.baseUrl)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', input.clientId)
  url.searchParams.set('redirect_uri', input.redirectUri)
  url.searchParams.set('scope', input.scopes.join(' '))
  url.searchParams.set('state', input.state)
  if (input.codeChallenge) {
    url.searchParams.set('code_challenge', input.codeChallenge)
    url.searchParams.set('code_challenge_method', 'S256')
  }
  return url.toString()
}

export interface ZendeskTokenLifetimes {
  /** Access token lifetime asked for, s (Zendesk: 300 – 172,800; default 30 min for global clients). */
  expiresInSeconds?: number
  /** Refresh token lifetime asked for, s (604,800 – 7,776,000; default 30 days). */
  refreshExpiresInSeconds?: number
}

export interface ZendeskExchangeInput extends OAuthTransport, ZendeskTokenLifetimes {
  baseUrl: string
  client: ZendeskOAuthClient
  /** The `code` query parameter the callback received. */
  code: string
  redirectUri: string
  codeVerifier?: string
}

/** Authorization code → tokens. Codes live 120 s and work once. */
export async function exchangeCode(input: ZendeskExchangeInput): Promise<OAuthTokens> {
  const endpoint = 'zendesk POST /oauth/tokens'
  const { as, client, auth, options } = setup(input)
  try {
    const answer = await codeGrant(as, client, auth, input, {
      ...options,
      additionalParameters: lifetimes(input),
    })
    return toTokens(answer, input, null)
  } catch (error) {
    throw await toOAuthError(error, endpoint)
  }
}

export interface ZendeskRefreshInput extends OAuthTransport, ZendeskTokenLifetimes {
  baseUrl: string
  client: ZendeskOAuthClient
  refreshToken: string
  /** The scopes of the grant, kept when the answer does not repeat them. */
  scopes?: string[]
}

/**
 * Refresh → a NEW pair: Zendesk invalidates the old refresh token at once (docs: "OAuth tokens
 * for grant types", refresh token rotation). Persist the result before using its access token.
 */
export async function refreshTokens(input: ZendeskRefreshInput): Promise<OAuthTokens> {
  const endpoint = 'zendesk POST /oauth/tokens (refresh_token)'
  const { as, client, auth, options } = setup(input)
  try {
    const response = await oauth.refreshTokenGrantRequest(as, client, auth, input.refreshToken, {
      ...options,
      additionalParameters: lifetimes(input),
    })
    const body = await oauth.processRefreshTokenResponse(as, client, response)
    return toTokens(body, input, input.refreshToken, input.scopes)
  } catch (error) {
    throw await toOAuthError(error, endpoint)
  }
}

/** The record Zendesk keeps of an access token (`GET /api/v2/oauth/tokens/current.json`). */
export interface ZendeskTokenRecord {
  id: number
  userId: number | null
  scopes: string[]
  expiresAt: number | null
}

/** Who and what an access token is: its id (needed to revoke it), user and scopes. */
export async function currentToken(
  input: OAuthTransport & { baseUrl: string; accessToken: string },
): Promise<ZendeskTokenRecord> {
  const endpoint = 'zendesk GET /api/v2/oauth/tokens/current.json'
  const body = (await call(input, 'GET', '/api/v2/oauth/tokens/current.json', endpoint)) as {
    token?: Record<string, unknown>
  }
  const token = body?.token
  if (!token || typeof token.id !== 'number') {
    throw new OAuthError('unexpected_response', endpoint, 200, 'no token.id')
  }
  return {
    id: token.id,
    userId: typeof token.user_id === 'number' ? token.user_id : null,
    scopes: parseScopes(token.scopes),
    expiresAt: typeof token.expires_at === 'string' ? Date.parse(token.expires_at) : null,
  }
}

/**
 * Revokes the grant behind an access token: `DELETE /api/v2/oauth/tokens/{id}`, the id read from
 * `current.json` unless given (docs: "OAuth Tokens" › Revoke Token; revoking by `/current` is
 * reported unreliable, so we always revoke by id).
 */
export async function revoke(
  input: OAuthTransport & { baseUrl: string; accessToken: string; tokenId?: number },
): Promise<void> {
  const id = input.tokenId ?? (await currentToken(input)).id
  await call(
    input,
    'DELETE',
    `/api/v2/oauth/tokens/${id}`,
    'zendesk DELETE /api/v2/oauth/tokens/{id}',
  )
}

function setup(input: OAuthTransport & { baseUrl: string; client: ZendeskOAuthClient }) {
  const tokenEndpoint = new URL('/oauth/tokens', input.baseUrl).toString()
  const as = authorizationServer(input.baseUrl, { token_endpoint: tokenEndpoint })
  const { client, auth } = clientOf(input.client.clientId, input.client.clientSecret)
  return { as, client, auth, options: requestOptions(tokenEndpoint, input, zendeskJsonBody) }
}

function lifetimes(input: ZendeskTokenLifetimes): Record<string, string> {
  return {
    ...(input.expiresInSeconds ? { expires_in: String(input.expiresInSeconds) } : {}),
    ...(input.refreshExpiresInSeconds
      ? { refresh_token_expires_in: String(input.refreshExpiresInSeconds) }
      : {}),
  }
}

const NUMERIC = new Set(['expires_in', 'refresh_token_expires_in'])

/** oauth4webapi speaks form bodies and expects 200; Zendesk wants JSON and answers 201. */
function zendeskJsonBody(base: typeof fetch) {
  return async (
    url: string,
    options: {
      body: unknown
      headers: Record<string, string>
      method: string
      signal?: AbortSignal
    },
  ) => {
    const form = options.body instanceof URLSearchParams ? options.body : new URLSearchParams()
    const json: Record<string, string | number> = {}
    for (const [name, value] of form) json[name] = NUMERIC.has(name) ? Number(value) : value
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(options.headers)) {
      if (name.toLowerCase() !== 'content-type') headers[name] = value
    }
    headers['content-type'] = 'application/json'
    const response = await base(url, {
      method: options.method,
      headers,
      body: JSON.stringify(json),
      redirect: 'manual',
      ...(options.signal ? { signal: options.signal } : {}),
    })
    if (response.status !== 201) return response
    return new Response(response.body, { status: 200, headers: response.headers })
  }
}

function toTokens(
  body: oauth.TokenEndpointResponse,
  transport: OAuthTransport,
  previousRefresh: string | null,
  previousScopes: string[] = [],
): OAuthTokens {
  const now = (transport.now ?? Date.now)()
  const scopes = parseScopes(body.scope)
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token ?? previousRefresh,
    expiresAt: expiryFrom(body.expires_in, now),
    scopes: scopes.length ? scopes : previousScopes,
  }
}

/** A bearer call to the account's API for the token endpoints; 401 means the token is gone. */
async function call(
  input: OAuthTransport & { baseUrl: string; accessToken: string },
  method: 'GET' | 'DELETE',
  path: string,
  endpoint: string,
): Promise<unknown> {
  let response: Response
  try {
    response = await (input.fetch ?? fetch)(new URL(path, input.baseUrl).toString(), {
      method,
      headers: { authorization: `Bearer ${input.accessToken}`, accept: 'application/json' },
    })
  } catch (error) {
    throw await toOAuthError(error, endpoint)
  }
  if (response.status === 204) return null
  if (response.ok) return response.json().catch(() => null)
  const status = response.status
  await response.body?.cancel()
  if (status === 401)
    throw new OAuthError('invalid_grant', endpoint, status, 'access token rejected')
  if (status === 403) throw new OAuthError('invalid_scope', endpoint, status)
  if (status === 429 || status >= 500) throw new OAuthError('network', endpoint, status)
  throw new OAuthError('invalid_request', endpoint, status)
}

/** `refresh` for `createOAuthSession`, bound to one account and client. */
export function zendeskRefresher(
  config: OAuthTransport & ZendeskTokenLifetimes & { baseUrl: string; client: ZendeskOAuthClient },
) {
  return (current: OAuthTokens): Promise<OAuthTokens> => {
    if (!current.refreshToken) {
      return Promise.reject(
        new OAuthError('invalid_grant', 'zendesk refresh', null, 'no refresh token'),
      )
    }
    return refreshTokens({ ...config, refreshToken: current.refreshToken, scopes: current.scopes })
  }
}
