import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import {
  HUBSPOT_CARD_UNSIGNED,
  HUBSPOT_SIGNATURE_WINDOW,
  hubspotSigningSecret,
  readHubSpotSignature,
  type HubSpotSignature,
} from '../../../connectors/hubspot/index.ts'
import type { AppEnv } from '../app-env.ts'
import { unauthorized } from '../problem.ts'
import { verifiedOr401 } from './credential.ts'

/**
 * The portal's tenant and the HubSpot app's client secret (the HMAC key of its v3 signatures), or a
 * check run inside the tenant object that keeps the secret sealed.
 */
export type HubSpotTenant = { tenantId: string } & (
  | { clientSecret: string }
  | {
      verifySignature: (signature: HubSpotSignature, request: SignedCardRequest) => Promise<boolean>
    }
)

/** What a card request's v3 signature covers. */
export type SignedCardRequest = { method: string; url: string; body: Uint8Array<ArrayBuffer> }

export interface HubSpotSignatureOptions {
  /** Portal id (the `portalId` query parameter HubSpot adds) → tenant; null for an unknown portal. */
  resolveTenant: (
    portalId: string,
    c: Context<AppEnv>,
  ) => HubSpotTenant | null | Promise<HubSpotTenant | null>
  /**
   * `next`: an unsigned request passes on untouched, so another credential may bind it (then
   * `requireTenant()` must follow). `reject` (default): it gets a 401.
   */
  whenUnsigned?: 'reject' | 'next'
  /** Origin HubSpot signed when a tunnel or proxy changed it (`https://xyz.trycloudflare.com`). */
  publicOrigin?: string
  /** The accepted timestamp window; the HubSpot connector's by default. */
  window?: typeof HUBSPOT_SIGNATURE_WINDOW
  now?: () => number
}

/**
 * HubSpot v3 request signatures (`hubspot.fetch` from app cards), checked by the HubSpot
 * connector, bind the request to the portal's tenant (`c.var.tenant`). The query HubSpot adds
 * (`portalId`, `userId`, `userEmail`, `appId`) is signed, so routes may trust it. The body stays
 * readable through `c.req.json()` / `c.req.text()` (Hono caches it).
 */
export function hubspotSignature(options: HubSpotSignatureOptions) {
  const now = options.now ?? Date.now
  return createMiddleware<AppEnv>(async function hubspotSignatureMiddleware(c, next) {
    const header = (name: string) => c.req.header(name)
    const signature = await verifiedOr401(() =>
      readHubSpotSignature(header, now(), {
        acceptV1: false,
        ...(options.window ? { window: options.window } : {}),
      }),
    )
    if (!signature) {
      if (options.whenUnsigned === 'next') return next()
      throw unauthorized(HUBSPOT_CARD_UNSIGNED)
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
    const request = { method: c.req.method, url: signedUrl, body }
    const matches =
      'clientSecret' in tenant
        ? (await hubspotSigningSecret(signature, request, [tenant.clientSecret])) !== null
        : await tenant.verifySignature(signature, request)
    if (!matches) throw unauthorized(failed)
    c.set('tenant', { tenantId: tenant.tenantId, via: 'hubspot_signature' })
    await next()
  })
}
