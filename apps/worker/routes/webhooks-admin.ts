import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { accountKey, Directory } from '../directory/directory.ts'
import { adminToken } from '../middleware/admin-token.ts'
import { ProblemError } from '../problem.ts'
import { tenantStub } from '../tenant/client.ts'
import { valid } from '../validate.ts'
import { existingTenant } from './existing-tenant.ts'
import { TenantId } from './params.ts'

const TenantParams = z.object({ tenantId: TenantId })

export const ZendeskWebhookSecret = z.strictObject({
  subdomain: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i, 'a Zendesk subdomain')
    .transform((s) => s.toLowerCase()),
  /** The webhook's signing secret (Admin Center → Webhooks → the webhook → Signing secret). */
  signingSecret: z.string().min(16, 'at least 16 characters').max(512),
  /**
   * Which webhook of the subdomain (its Zendesk id): each webhook has its own secret, and any of
   * them may sign. Absent: the default one (a second PUT without it replaces the first).
   */
  webhookId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a Zendesk webhook id')
    .optional(),
})

/**
 * Webhook configuration (admin): the signing secret of a Zendesk subdomain's webhook (one per webhook), sealed in the
 * tenant object; the directory routes `zendesk:<subdomain>` to the tenant (409 when another tenant
 * has it). HubSpot webhooks need no call here: they sign with the app's client secret (installation).
 */
export const adminWebhooks = new Hono<AppEnv>()
  .use('*', adminToken())
  .put(
    '/tenants/:tenantId/webhooks/zendesk',
    valid('param', TenantParams),
    valid('json', ZendeskWebhookSecret),
    async (c) => {
      const { tenantId } = c.req.valid('param')
      const { subdomain, signingSecret, webhookId } = c.req.valid('json')
      await existingTenant(c.env, tenantId)
      const linked = await new Directory(c.env.DIRECTORY).linkAccount(
        accountKey('zendesk', subdomain),
        tenantId,
        new Date().toISOString(),
      )
      if (!linked) {
        throw new ProblemError(409, `The zendesk account ${subdomain} belongs to another tenant`)
      }
      const saved = await tenantStub(c.env, tenantId).putWebhookSecret(
        'zendesk',
        subdomain,
        webhookId ?? '',
        signingSecret,
      )
      return c.json({ ...saved, path: `/webhooks/zendesk/${subdomain}` })
    },
  )
