import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { accountKey, Directory } from '../directory/directory.ts'
import { tenantStub } from '../tenant/client.ts'
import { hubspotSignature, type HubSpotTenant } from './hubspot-signature.ts'

type HubSpotVerify = Extract<HubSpotTenant, { verifySignature: unknown }>['verifySignature']
import { zafJwt, type ZafInstallation } from './zaf-jwt.ts'

/**
 * The issuer's tenant (directory `zendesk:<subdomain>`); its object checks the JWT's signature with
 * the installation's sealed secret. An account linked by a connection alone has no installation:
 * the JWT is refused.
 */
export async function resolveZafSecret(env: Env, iss: string): Promise<ZafInstallation | null> {
  const subdomain = iss.toLowerCase()
  const tenantId = await new Directory(env.DIRECTORY).tenantForAccount(
    accountKey('zendesk', subdomain),
  )
  if (!tenantId) return null
  const tenant = tenantStub(env, tenantId)
  const verifySignature = (token: string) =>
    tenant.verifyInstallationSignature({ platform: 'zendesk', externalId: subdomain, token })
  return { tenantId, verifySignature }
}

/**
 * The portal's tenant (directory `hubspot:<portalId>`); its object checks the signature with the
 * tenant's own app secret, else the marketplace app's `HUBSPOT_CLIENT_SECRET` for a registered
 * installation.
 */
export async function resolveHubSpotTenant(
  env: Env,
  portalId: string,
): Promise<HubSpotTenant | null> {
  const tenantId = await new Directory(env.DIRECTORY).tenantForAccount(
    accountKey('hubspot', portalId),
  )
  if (!tenantId) return null
  const tenant = tenantStub(env, tenantId)
  const verifySignature: HubSpotVerify = (signature, request) =>
    tenant.verifyInstallationSignature({
      platform: 'hubspot',
      externalId: portalId,
      signature,
      request,
    })
  return { tenantId, verifySignature }
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
      resolveTenant: (portalId) => resolveHubSpotTenant(c.env, portalId),
      whenUnsigned: 'next',
      ...(c.env.CXLENS_PUBLIC_ORIGIN ? { publicOrigin: c.env.CXLENS_PUBLIC_ORIGIN } : {}),
    })(c, next)
  return [zaf, hubspot]
}
