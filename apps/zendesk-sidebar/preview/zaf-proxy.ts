/**
 * What Zendesk's request proxy does to a `client.request` before it leaves, for the stand-in ZAF
 * client: placeholders are filled only in a `secure: true` request to a host of the manifest's
 * `domainWhitelist`, `{{jwt.token}}` only where the request itself places it, and nothing is
 * added that the request did not ask for. Where Zendesk's docs are silent the stand-in refuses.
 * [ref: Zendesk "Making API requests from a Zendesk app" (secure settings, JSON Web Tokens);
 * "Manifest reference" (domainWhitelist, parameters.scopes); zendesk/demo_apps jwt_sample_app]
 */

/** The documented `client.request` options the stand-in understands. */
export interface ProxyRequest {
  url: string
  type?: string
  headers?: Record<string, string>
  secure?: boolean
  contentType?: string
  data?: string
  jwt?: {
    algorithm?: string
    secret_key?: string
    expiry?: number
    claims?: Record<string, unknown>
  }
}

/** The parts of the installed app's manifest the proxy reads. */
export interface ProxyManifest {
  /** Bare host names a secure request may reach (package-zendesk.ts `--api-domain` writes it). */
  domainWhitelist: string[]
  parameters: Array<{ name: string; secure?: boolean; scopes?: string[] }>
}

/** A request ready to send; `sign` when a `{{jwt.token}}` placeholder waits for a token. */
export interface PreparedRequest {
  url: string
  method: string
  headers: Record<string, string>
  body?: string
  sign?: { claims: Record<string, unknown>; expiry: number }
}

export type Prepared = { ok: true; request: PreparedRequest } | { ok: false; reason: string }

const JWT_TOKEN = '{{jwt.token}}'
const SETTING = /\{\{\s*setting\.([A-Za-z0-9_.-]+)\s*\}\}/
const refuse = (reason: string): Prepared => ({ ok: false, reason })

export function prepareRequest(options: ProxyRequest, manifest: ProxyManifest): Prepared {
  const headers = { ...options.headers }
  // "The proxy rejects header names with underscores." [ref: "Making API requests from a Zendesk app"]
  const underscored = Object.keys(headers).find((name) => name.includes('_'))
  if (underscored) return refuse(`header name ${underscored} has an underscore`)

  const method = (options.type ?? 'GET').toUpperCase()
  const body = options.data
  if (body !== undefined && options.contentType) headers['content-type'] = options.contentType
  const request: PreparedRequest = { url: options.url, method, headers, ...(body && { body }) }
  // Not secure: sent as written, placeholders and all; the `jwt` option signs nothing.
  if (options.secure !== true) return { ok: true, request }

  let host: string
  try {
    host = new URL(options.url).hostname
  } catch {
    return refuse(`${options.url} is not an absolute URL`)
  }
  if (!manifest.domainWhitelist.includes(host)) {
    return refuse(`${host} is not in the manifest's domainWhitelist`)
  }

  // The stand-in holds no secure setting value: only the JWT key, which the preview's token
  // endpoint holds. A `{{setting.*}}` elsewhere would need a value the page must never see.
  const places = [options.url, ...Object.values(headers)]
  const setting = places.map((p) => SETTING.exec(p)?.[1]).find(Boolean)
  if (setting) return refuse(`the stand-in cannot fill {{setting.${setting}}} outside jwt`)

  const placed = places.some((p) => p.includes(JWT_TOKEN))
  if (!placed) return { ok: true, request }
  // No placeholder → no token: a `jwt` option alone sends nothing (handled above).
  if (!options.jwt) return refuse(`${JWT_TOKEN} is placed but the request has no jwt option`)
  const { algorithm, secret_key, expiry, claims } = options.jwt
  if (algorithm !== 'HS256') return refuse('jwt.algorithm must be HS256')
  const key = SETTING.exec(secret_key ?? '')?.[1]
  const parameter = manifest.parameters.find((p) => p.name === key)
  if (!parameter?.secure || !parameter.scopes?.includes('jwt_secret_key')) {
    return refuse('jwt.secret_key must be {{setting.X}} of a secure jwt_secret_key parameter')
  }
  if (typeof expiry !== 'number' || !(expiry > 0)) return refuse('jwt.expiry must be seconds > 0')
  return { ok: true, request: { ...request, sign: { claims: claims ?? {}, expiry } } }
}

/** The request with its `{{jwt.token}}` placeholders replaced by `token`. */
export function withToken(request: PreparedRequest, token: string): PreparedRequest {
  const fill = (text: string) => text.split(JWT_TOKEN).join(token)
  return {
    ...request,
    url: fill(request.url),
    headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, fill(v)])),
  }
}
