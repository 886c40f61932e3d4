import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env.ts'
import { unauthorized } from '../problem.ts'
import { concatBytes, verifyHmacBase64 } from '../hmac.ts'

export type HubspotTenant = { tenantId: string } & (
  | {
      /** The HubSpot app's client secret: the HMAC key of its v3 signatures. */
      clientSecret: string
    }
  /** Checks base64(HMAC-SHA256) where the secret is kept (the tenant object), so it never travels. */
  | { verify: (message: Uint8Array<ArrayBuffer>, signature: string) => Promise<boolean> }
)

export interface HubspotSignatureOptions {
  /** Portal id (the `portalId` query parameter HubSpot adds) → tenant; null for an unknown portal. */
  resolveTenant: (
    portalId: string,
    c: Context<AppEnv>,
  ) => HubspotTenant | null | Promise<HubspotTenant | null>
  /** Oldest accepted `X-HubSpot-Request-Timestamp`; HubSpot documents 5 minutes. */
  maxAgeMs?: number
  /** How far in the future a timestamp may be (clock skew between HubSpot and us). */
  maxFutureSkewMs?: number
  /**
   * `next`: a request without `X-HubSpot-Signature-v3` passes on untouched, so another credential
   * may bind it (then `requireTenant()` must follow). `reject` (default): it gets a 401.
   */
  whenUnsigned?: 'reject' | 'next'
  /** Origin HubSpot signed when a tunnel or proxy changed it (`https://xyz.trycloudflare.com`). */
  publicOrigin?: string
  now?: () => number
}

const FIVE_MINUTES = 5 * 60_000
const encoder = new TextEncoder()

/**
 * HubSpot v3 request signatures (`hubspot.fetch` from app cards, webhooks). Verifies
 * base64(HMAC-SHA256(client secret, method + URI + raw body + timestamp)) in constant time, rejects
 * stale or future timestamps, and binds the request to the portal's tenant (`c.var.tenant`). The
 * query HubSpot adds (`portalId`, `userId`, `userEmail`, `appId`) is signed, so routes may trust it.
 * The body stays readable through `c.req.json()` / `c.req.text()` (Hono caches it).
 * [ref: HubSpot "Validating requests from HubSpot", signature v3]
 */
export function hubspotSignature(options: HubspotSignatureOptions) {
  const maxAgeMs = options.maxAgeMs ?? FIVE_MINUTES
  const maxFutureSkewMs = options.maxFutureSkewMs ?? 30_000
  const now = options.now ?? Date.now

  return createMiddleware<AppEnv>(async function hubspotSignatureMiddleware(c, next) {
    const signature = c.req.header('x-hubspot-signature-v3')
    if (!signature) {
      if (options.whenUnsigned === 'next') return next()
      throw unauthorized('Missing X-HubSpot-Signature-v3 header')
    }
    const timestamp = c.req.header('x-hubspot-request-timestamp')
    if (!timestamp || !/^\d{1,15}$/.test(timestamp)) {
      throw unauthorized('Missing or malformed X-HubSpot-Request-Timestamp header')
    }
    const age = now() - Number(timestamp)
    if (age > maxAgeMs || age < -maxFutureSkewMs) {
      throw unauthorized('X-HubSpot-Request-Timestamp is outside the accepted window')
    }
    const url = new URL(c.req.url)
    const portalId = url.searchParams.get('portalId')
    if (!portalId) throw unauthorized('Missing portalId query parameter')

    // One message for an unknown portal and a bad signature: callers learn nothing about tenants.
    const failed = 'HubSpot request signature does not match'
    const tenant = await options.resolveTenant(portalId, c)
    if (!tenant) throw unauthorized(failed)

    const signedUrl = options.publicOrigin
      ? options.publicOrigin.replace(/\/$/, '') + url.pathname + url.search
      : c.req.url
    const body = new Uint8Array(await c.req.arrayBuffer())
    const message = concatBytes(
      encoder.encode(c.req.method + decodeSignedUri(signedUrl)),
      body,
      encoder.encode(timestamp),
    )
    const verified =
      'verify' in tenant
        ? await tenant.verify(message, signature)
        : await verifyHmacBase64(tenant.clientSecret, message, signature)
    if (!verified) throw unauthorized(failed)

    c.set('tenant', { tenantId: tenant.tenantId, via: 'hubspot_signature' })
    await next()
  })
}

// HubSpot signs the URI with these escapes decoded, and only these. [ref: HubSpot signature v3]
const SIGNED_ESCAPES = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi

export function decodeSignedUri(url: string): string {
  return url.replace(SIGNED_ESCAPES, (escape) => decodeURIComponent(escape))
}
