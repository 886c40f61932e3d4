import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env.ts'
import { notFound, unauthorized } from '../problem.ts'
import { concatBytes, utf8, verifyHmacBase64 } from '../hmac.ts'

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
  /** Oldest accepted signature timestamp. Zendesk documents none: 5 minutes here. */
  maxAgeMs?: number
  /** How far in the future a timestamp may be (clock skew between Zendesk and us). */
  maxFutureSkewMs?: number
  now?: () => number
}

export const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

/**
 * Zendesk webhook signatures on `/:subdomain` routes: base64(HMAC-SHA256(signing secret, timestamp +
 * raw body)) in `X-Zendesk-Webhook-Signature`, the timestamp in
 * `X-Zendesk-Webhook-Signature-Timestamp` (ISO 8601), compared in constant time; a timestamp outside
 * the window is a replay. An unknown subdomain is a 404 (Zendesk then shows the webhook failing).
 * [ref: Zendesk "Verifying webhook authenticity"]
 */
export function zendeskWebhookSignature(options: ZendeskWebhookSignatureOptions) {
  const maxAgeMs = options.maxAgeMs ?? 5 * 60_000
  const maxFutureSkewMs = options.maxFutureSkewMs ?? 60_000
  const now = options.now ?? Date.now

  return createMiddleware<ZendeskWebhookEnv>(
    async function zendeskWebhookSignatureMiddleware(c, next) {
      const subdomain = (c.req.param('subdomain') ?? '').toLowerCase()
      const target = SUBDOMAIN.test(subdomain) ? await options.resolveSecrets(subdomain, c) : null
      if (!target || target.secrets.length === 0)
        throw notFound(`No Zendesk webhook is configured for ${subdomain.slice(0, 63)}`)

      const signature = c.req.header('x-zendesk-webhook-signature')
      const timestamp = c.req.header('x-zendesk-webhook-signature-timestamp')
      if (!signature || !timestamp) {
        throw unauthorized('Missing X-Zendesk-Webhook-Signature or its timestamp header')
      }
      const at = Date.parse(timestamp)
      if (Number.isNaN(at)) throw unauthorized('Malformed X-Zendesk-Webhook-Signature-Timestamp')
      const age = now() - at
      if (age > maxAgeMs || age < -maxFutureSkewMs) {
        throw unauthorized('X-Zendesk-Webhook-Signature-Timestamp is outside the accepted window')
      }
      const body = new Uint8Array(await c.req.arrayBuffer())
      const message = concatBytes(utf8(timestamp), body)
      // Each webhook of the account has its own secret (a trigger one, an event one): any may sign.
      let verified = false
      for (const secret of target.secrets) {
        if (await verifyHmacBase64(secret, message, signature)) verified = true
      }
      if (!verified) throw unauthorized('Zendesk webhook signature does not match')
      c.set('zendeskWebhook', { tenantId: target.tenantId, subdomain })
      await next()
    },
  )
}
