import * as oauth from 'oauth4webapi'
import { OAuthError, type OAuthErrorCode } from './oauth-tokens.ts'

/** How a call reaches the vendor: an injectable fetch (tests, sandboxes) and clock. */
export interface OAuthTransport {
  fetch?: typeof fetch
  now?: () => number
}

/** The endpoints one vendor's OAuth speaks; oauth4webapi takes them as server metadata. */
export function authorizationServer(
  issuer: string,
  endpoints: Partial<
    Pick<
      oauth.AuthorizationServer,
      'authorization_endpoint' | 'token_endpoint' | 'revocation_endpoint' | 'introspection_endpoint'
    >
  >,
): oauth.AuthorizationServer {
  return { issuer, ...endpoints }
}

type Fetcher = NonNullable<
  oauth.HttpRequestOptions<'POST', URLSearchParams>[typeof oauth.customFetch]
>

/**
 * oauth4webapi request options: plain http is allowed only for loopback and in-process sandboxes
 * (`http://…`); a production https URL keeps the library's https-only check.
 */
export function requestOptions(
  url: string,
  transport: OAuthTransport,
  adapt?: (fetcher: typeof fetch) => Fetcher,
): oauth.TokenEndpointRequestOptions {
  const base = transport.fetch ?? ((input, init) => fetch(input, init))
  return {
    [oauth.customFetch]: adapt ? adapt(base) : (base as unknown as Fetcher),
    ...(url.startsWith('http://') ? { [oauth.allowInsecureRequests]: true } : {}),
  }
}

/** A client authenticating with its secret in the body, as both vendors document. */
export function clientOf(clientId: string, clientSecret: string) {
  return { client: { client_id: clientId }, auth: oauth.ClientSecretPost(clientSecret) }
}

const OAUTH_CODES: Record<string, OAuthErrorCode> = {
  invalid_grant: 'invalid_grant',
  invalid_scope: 'invalid_scope',
  invalid_client: 'invalid_client',
  unauthorized_client: 'invalid_client',
  invalid_request: 'invalid_request',
  unsupported_grant_type: 'invalid_request',
}

/**
 * Turns whatever a call threw into an `OAuthError`. Standard OAuth error bodies map by their
 * `error`; a vendor's own error shape goes through `classify` (HubSpot answers its usual
 * `{category, message}` instead of `{error}`).
 */
export async function toOAuthError(
  error: unknown,
  endpoint: string,
  classify?: (status: number, body: unknown) => OAuthErrorCode | null,
): Promise<OAuthError> {
  if (error instanceof OAuthError) return error
  if (error instanceof oauth.ResponseBodyError) {
    const code =
      OAUTH_CODES[error.error] ?? classify?.(error.status, error.cause) ?? 'invalid_request'
    return new OAuthError(code, endpoint, error.status, describe(error.cause))
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    return new OAuthError('invalid_client', endpoint, error.status)
  }
  if (error instanceof oauth.OperationProcessingError && error.cause instanceof Response) {
    const response = error.cause
    const body = await response.json().catch(() => null)
    if (response.status === 429 || response.status >= 500) {
      return new OAuthError('network', endpoint, response.status, describe(body))
    }
    const code = classify?.(response.status, body) ?? 'unexpected_response'
    return new OAuthError(code, endpoint, response.status, describe(body))
  }
  if (error instanceof oauth.OperationProcessingError) {
    return new OAuthError('unexpected_response', endpoint, null, error.message)
  }
  // fetch itself threw: DNS, reset, timeout.
  return new OAuthError('network', endpoint, null, error instanceof Error ? error.message : '')
}

/** The vendor's error words only (codes and messages), never more than 200 characters. */
function describe(body: unknown): string {
  if (!body || typeof body !== 'object') return ''
  const fields = ['error', 'error_description', 'category', 'status', 'message', 'description']
  return fields
    .flatMap((name) => {
      const value = (body as Record<string, unknown>)[name]
      return typeof value === 'string' ? [`${name}=${value}`] : []
    })
    .join(' ')
    .slice(0, 200)
}

/**
 * Authorization code → the vendor's token answer, checked by oauth4webapi. The worker checks its
 * own signed `state` before calling this, so oauth4webapi's state check is skipped.
 */
export async function codeGrant(
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  auth: oauth.ClientAuth,
  grant: { code: string; redirectUri: string; codeVerifier?: string | undefined },
  options: oauth.TokenEndpointRequestOptions,
): Promise<oauth.TokenEndpointResponse> {
  const callback = oauth.validateAuthResponse(
    as,
    client,
    new URLSearchParams({ code: grant.code }),
    oauth.skipStateCheck,
  )
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    auth,
    callback,
    grant.redirectUri,
    grant.codeVerifier ?? oauth.nopkce,
    options,
  )
  return oauth.processAuthorizationCodeResponse(as, client, response)
}
