import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { verifyZendeskWebhook } from '../../../connectors/zendesk/index.ts'
import type { AppEnv } from '../app-env.ts'
import { notFound } from '../problem.ts'
import { verifiedOr401 } from './credential.ts'

/** The account a Zendesk webhook delivery was verified for. */
export interface ZendeskWebhookCaller {
  tenantId: string
  subdomain: string
}

/** The worker's environment plus what this middleware leaves for the route. */
export type ZendeskWebhookEnv = {
  Bindings: Env
  Variables: AppEnv['Variables'] & { zendeskWebhook: ZendeskWebhookCaller }
}

export interface ZendeskWebhookSignatureOptions {
  /** Subdomain → its tenant and its webhooks' signing secrets; null when none is configured. */
  resolveSecrets: (
    subdomain: string,
    c: Context<ZendeskWebhookEnv>,
  ) => Promise<{ tenantId: string; secrets: string[] } | null>
  now?: () => number
}

export const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

/**
 * Zendesk webhook deliveries on `/:subdomain` routes, checked by the Zendesk connector
 * (`verifyZendeskWebhook`). An unknown subdomain is a 404 (Zendesk then shows the webhook failing);
 * a signature that does not verify, a 401.
 * Not mounted: `/webhooks/zendesk/:subdomain` verifies inside the tenant object
 * (tenant/webhooks.ts), where the signing secrets stay sealed. Only `SUBDOMAIN` is in use (the
 * route's OpenAPI description).
 */
export function zendeskWebhookSignature(options: ZendeskWebhookSignatureOptions) {
  const now = options.now ?? Date.now
  return createMiddleware<ZendeskWebhookEnv>(
    async function zendeskWebhookSignatureMiddleware(c, next) {
      const subdomain = (c.req.param('subdomain') ?? '').toLowerCase()
      const target = SUBDOMAIN.test(subdomain) ? await options.resolveSecrets(subdomain, c) : null
      if (!target || target.secrets.length === 0)
        throw notFound(`No Zendesk webhook is configured for ${subdomain.slice(0, 63)}`)
      const body = new Uint8Array(await c.req.arrayBuffer())
      await verifiedOr401(() =>
        verifyZendeskWebhook({ body, header: (name) => c.req.header(name) }, target.secrets, now()),
      )
      c.set('zendeskWebhook', { tenantId: target.tenantId, subdomain })
      await next()
    },
  )
}
