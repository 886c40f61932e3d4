import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { accountKey, Directory } from '../directory/directory.ts'
import { ProblemError } from '../problem.ts'
import { tenantStub } from '../tenant/client.ts'
import type {} from '../tenant/installations.ts'
import { valid } from '../validate.ts'
import { existingTenant } from './existing-tenant.ts'
import { TenantId } from './params.ts'
import type { Vendor } from '../../../connectors/index.ts'

const TenantParams = z.object({ tenantId: TenantId })

/** A short shared secret would let anyone who sees one JWT brute-force the HMAC key. */
const Secret = z.string().min(16, 'at least 16 characters').max(512)

export const ZendeskInstallation = z.strictObject({
  subdomain: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i, 'a Zendesk subdomain')
    .transform((s) => s.toLowerCase()),
  /** The app's secure `shared_secret` setting: Zendesk's proxy signs the sidebar's JWT with it. */
  sharedSecret: Secret,
})

export const HubSpotInstallation = z.strictObject({
  portalId: z.string().regex(/^[1-9][0-9]{0,19}$/, 'a HubSpot portal id'),
  /** The app's client secret; absent: the marketplace app's `HUBSPOT_CLIENT_SECRET`. */
  clientSecret: Secret.optional(),
})

/** Routes the installation's account to the tenant (409 when another tenant has it), then stores it. */
async function install(
  env: Env,
  tenantId: string,
  platform: Vendor,
  externalId: string,
  secret: string | null,
) {
  await existingTenant(env, tenantId)
  const key = accountKey(platform, externalId)
  const linked = await new Directory(env.DIRECTORY).linkAccount(
    key,
    tenantId,
    new Date().toISOString(),
  )
  if (!linked)
    throw new ProblemError(409, `The ${platform} account ${externalId} belongs to another tenant`)
  return tenantStub(env, tenantId).putInstallation(platform, externalId, secret)
}

/**
 * Vendor app installations (admin): which Zendesk subdomain / HubSpot portal signs for a tenant,
 * and with which secret. Mounted under the admin router (its token check applies). Never returns a
 * secret.
 */
export const adminInstallations = new Hono<AppEnv>()
  .put(
    '/tenants/:tenantId/installations/zendesk',
    valid('param', TenantParams),
    valid('json', ZendeskInstallation),
    async (c) => {
      const { tenantId } = c.req.valid('param')
      const { subdomain, sharedSecret } = c.req.valid('json')
      return c.json(await install(c.env, tenantId, 'zendesk', subdomain, sharedSecret))
    },
  )

  .put(
    '/tenants/:tenantId/installations/hubspot',
    valid('param', TenantParams),
    valid('json', HubSpotInstallation),
    async (c) => {
      const { tenantId } = c.req.valid('param')
      const { portalId, clientSecret } = c.req.valid('json')
      if (!clientSecret && !c.env.HUBSPOT_CLIENT_SECRET) {
        throw new ProblemError(
          400,
          'Give a clientSecret: this deployment has no HUBSPOT_CLIENT_SECRET',
          {
            slug: 'validation',
            errors: [
              { field: 'body.clientSecret', message: 'required without HUBSPOT_CLIENT_SECRET' },
            ],
          },
        )
      }
      return c.json(await install(c.env, tenantId, 'hubspot', portalId, clientSecret ?? null))
    },
  )

  .get('/tenants/:tenantId/installations', valid('param', TenantParams), async (c) => {
    const { tenantId } = c.req.valid('param')
    await existingTenant(c.env, tenantId)
    return c.json({ installations: await tenantStub(c.env, tenantId).listInstallations() })
  })
