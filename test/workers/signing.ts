/**
 * The platforms' signatures, written from their documentation (not from the middleware's code):
 * Zendesk's HS256 JWT (RFC 7519) and HubSpot's v3 request signature.
 */
const encoder = new TextEncoder()

const b64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

async function hmac(secret: string, message: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)))
}

/** base64url(header).base64url(claims).base64url(HMAC-SHA256(secret, the first two)). */
export async function hs256Jwt(claims: Record<string, unknown>, secret: string): Promise<string> {
  const part = (value: unknown) => b64url(encoder.encode(JSON.stringify(value)))
  const input = `${part({ typ: 'JWT', alg: 'HS256' })}.${part(claims)}`
  return `${input}.${b64url(await hmac(secret, input))}`
}

/** The claims a ZAF app's JWT carries: issuer = subdomain, audience, agent, a short lifetime. */
export function zafClaims(iss: string, over: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000)
  return { iss, aud: 'cxlens', sub: '9001', iat: now - 5, exp: now + 300, ...over }
}

/**
 * HubSpot v3: base64(HMAC-SHA256(client secret, method + URI + body + timestamp)), the URI with
 * `%3A %2F %3F %40 %21 %24 %27 %28 %29 %2A %2C %3B` decoded. [ref: "Validating requests from HubSpot"]
 */
export async function hubspotV3(input: {
  method: string
  url: string
  body?: string
  timestamp: number
  secret: string
}): Promise<string> {
  const decoded = input.url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (e) =>
    decodeURIComponent(e),
  )
  const mac = await hmac(
    input.secret,
    `${input.method}${decoded}${input.body ?? ''}${input.timestamp}`,
  )
  return btoa(String.fromCharCode(...mac))
}

/** Headers of a request HubSpot signed for the worker under test (`https://cxlens.test`). */
export async function hubspotHeaders(
  path: string,
  secret: string,
  options: { timestamp?: number; method?: string; body?: string } = {},
): Promise<Record<string, string>> {
  const timestamp = options.timestamp ?? Date.now()
  const signature = await hubspotV3({
    method: options.method ?? 'GET',
    url: `https://cxlens.test${path}`,
    body: options.body ?? '',
    timestamp,
    secret,
  })
  return {
    'x-hubspot-signature-v3': signature,
    'x-hubspot-request-timestamp': String(timestamp),
  }
}
