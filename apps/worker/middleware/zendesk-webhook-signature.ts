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

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

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

      await verifyZendeskWebhook(
        {
          signature: c.req.header('x-zendesk-webhook-signature'),
          timestamp: c.req.header('x-zendesk-webhook-signature-timestamp'),
          body: new Uint8Array(await c.req.arrayBuffer()),
        },
        target.secrets,
        { now: now(), maxAgeMs, maxFutureSkewMs },
      )
      c.set('zendeskWebhook', { tenantId: target.tenantId, subdomain })
      await next()
    },
  )
}

/** A Zendesk webhook delivery as signed: its two signature headers and its raw body. */
export interface ZendeskWebhookRequest {
  signature: string | undefined
  timestamp: string | undefined
  body: Uint8Array
}

/**
 * Throws a 401 ProblemError unless one of the account's webhook secrets signed the delivery within
 * the accepted window (the check of `zendeskWebhookSignature`, callable where the secrets are).
 */
export async function verifyZendeskWebhook(
  request: ZendeskWebhookRequest,
  secrets: readonly string[],
  window: { now: number; maxAgeMs?: number; maxFutureSkewMs?: number },
): Promise<void> {
  const { signature, timestamp } = request
  if (!signature || !timestamp) {
    throw unauthorized('Missing X-Zendesk-Webhook-Signature or its timestamp header')
  }
  const at = Date.parse(timestamp)
  if (Number.isNaN(at)) throw unauthorized('Malformed X-Zendesk-Webhook-Signature-Timestamp')
  const age = window.now - at
  if (age > (window.maxAgeMs ?? 5 * 60_000) || age < -(window.maxFutureSkewMs ?? 60_000)) {
    throw unauthorized('X-Zendesk-Webhook-Signature-Timestamp is outside the accepted window')
  }
  const message = concatBytes(utf8(timestamp), request.body)
  // Each webhook of the account has its own secret (a trigger one, an event one): any may sign.
  let verified = false
  for (const secret of secrets) {
    if (await verifyHmacBase64(secret, message, signature)) verified = true
  }
  if (!verified) throw unauthorized('Zendesk webhook signature does not match')
}
