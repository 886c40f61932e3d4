/**
 * The public origin of a deployment: the https address of the worker as agents' browsers and the
 * vendors' proxies reach it. One setting, the environment variable `CXLENS_PUBLIC_ORIGIN` (the same
 * name the worker reads), used by `npm run package:zendesk` (domainWhitelist, default api_url) and
 * by the HubSpot card's stage step (permittedUrls.fetch, redirectUrls, the URL the card calls).
 * Unset, packaging uses EXAMPLE_ORIGIN so tests and local builds work; validate and upload refuse it.
 */
export const PUBLIC_ORIGIN_VARIABLE = 'CXLENS_PUBLIC_ORIGIN'
export const EXAMPLE_ORIGIN = 'https://cxlens.example.workers.dev'

export interface PublicOrigin {
  /** `https://host[:port]`, no trailing slash. */
  origin: string
  /** The host name alone, as Zendesk's domainWhitelist lists it. */
  hostname: string
  /** True when nothing was configured and the example origin stands in. */
  example: boolean
}

/** Accepts `https://host` (a trailing slash is dropped); anything else throws, naming the problem. */
export function parsePublicOrigin(value: string): PublicOrigin {
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    throw new Error(`${PUBLIC_ORIGIN_VARIABLE} is not a URL: "${value}"`)
  }
  // hubspot.fetch only calls https URLs, and Zendesk's secure requests need a whitelisted host.
  if (url.protocol !== 'https:') {
    throw new Error(`${PUBLIC_ORIGIN_VARIABLE} must be an https origin, got "${value}"`)
  }
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) {
    throw new Error(
      `${PUBLIC_ORIGIN_VARIABLE} must be an origin only (https://host), without path, query or credentials: "${value}"`,
    )
  }
  return { origin: url.origin, hostname: url.hostname, example: url.origin === EXAMPLE_ORIGIN }
}

/** The configured origin, or the example one when the variable is unset or empty. */
export function publicOrigin(env: Record<string, string | undefined> = process.env): PublicOrigin {
  const value = env[PUBLIC_ORIGIN_VARIABLE]?.trim()
  return parsePublicOrigin(value ? value : EXAMPLE_ORIGIN)
}

/** For validate and upload: a package for the example origin would call a host nobody owns. */
export function deployablePublicOrigin(
  env: Record<string, string | undefined> = process.env,
): PublicOrigin {
  const origin = publicOrigin(env)
  if (origin.example) {
    throw new Error(
      `Set ${PUBLIC_ORIGIN_VARIABLE} to your worker's public origin (e.g. https://cxlens.acme.workers.dev) before validating or uploading`,
    )
  }
  return origin
}
