import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { accountKey, Directory } from '../directory/directory.ts'
import { fromBase64 } from '../hmac.ts'
import { tenantStub } from '../tenant/client.ts'
import { hubspotSignature, type HubspotTenant } from './hubspot-signature.ts'
import { zafJwt, type ZafInstallation } from './zaf-jwt.ts'

/**
 * The issuer's tenant (directory `zendesk:<subdomain>`); its object checks the JWT's MAC with the
 * installation's sealed secret. An account linked by a connection alone has no installation: the
 * JWT is refused.
 */
export async function resolveZafSecret(env: Env, iss: string): Promise<ZafInstallation | null> {
  const subdomain = iss.toLowerCase()
  const tenantId = await new Directory(env.DIRECTORY).tenantForAccount(
    accountKey('zendesk', subdomain),
  )
  if (!tenantId) return null
  const tenant = tenantStub(env, tenantId)
  const verify = (signed: Uint8Array<ArrayBuffer>, mac: Uint8Array<ArrayBuffer>) =>
    tenant.verifyInstallationMac('zendesk', subdomain, signed, mac)
  return { tenantId, verify }
}

/**
 * The portal's tenant (directory `hubspot:<portalId>`); its object checks the signature with the
 * tenant's own app secret, else the marketplace app's `HUBSPOT_CLIENT_SECRET` for a registered
 * installation.
 */
export async function resolveHubspotTenant(
  env: Env,
  portalId: string,
): Promise<HubspotTenant | null> {
  const tenantId = await new Directory(env.DIRECTORY).tenantForAccount(
    accountKey('hubspot', portalId),
  )
  if (!tenantId) return null
  const tenant = tenantStub(env, tenantId)
  const verify = async (message: Uint8Array<ArrayBuffer>, signature: string) => {
    const mac = fromBase64(signature.trim())
    return mac !== null && tenant.verifyInstallationMac('hubspot', portalId, message, mac)
  }
  return { tenantId, verify }
}

/**
 * The two platform credentials of `/v1/customers/*` besides the API key: the Zendesk sidebar's JWT
 * and the HubSpot card's v3 signature. Each passes a request without its credential on.
 */
export function platformCredentials(): MiddlewareHandler<AppEnv>[] {
  const zaf = zafJwt({
    resolveSecret: (iss, c) => resolveZafSecret(c.env, iss),
    whenAbsent: 'next',
  }) as unknown as MiddlewareHandler<AppEnv>
  // Built per request: the public origin is configuration, only known with the request's env.
  const hubspot: MiddlewareHandler<AppEnv> = (c: Context<AppEnv>, next) =>
    hubspotSignature({
      resolveTenant: (portalId) => resolveHubspotTenant(c.env, portalId),
      whenUnsigned: 'next',
      ...(c.env.CXLENS_PUBLIC_ORIGIN ? { publicOrigin: c.env.CXLENS_PUBLIC_ORIGIN } : {}),
    })(c, next)
  return [zaf, hubspot]
}
