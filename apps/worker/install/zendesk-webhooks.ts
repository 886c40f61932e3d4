import type { OAuthTransport } from '../../../connectors/kit/oauth-client.ts'

/**
 * What an install sets up in the Zendesk account with its granted token (`webhooks:write`,
 * `triggers:write`): a trigger webhook fired on every ticket create and change, and an event
 * webhook for user merges (Zendesk refuses both kinds on one webhook: docs "Webhooks" ›
 * subscriptions). Their signing secrets come back for the tenant to seal.
 */
export interface CreatedWebhook {
  webhookId: string
  signingSecret: string
}

interface Target extends OAuthTransport {
  baseUrl: string
  accessToken: string
  /** `https://<cxlens>/webhooks/zendesk/<subdomain>` */
  endpoint: string
}

async function api<T>(target: Target, method: string, path: string, body?: unknown): Promise<T> {
  const response = await (target.fetch ?? fetch)(new URL(path, target.baseUrl).toString(), {
    method,
    headers: {
      authorization: `Bearer ${target.accessToken}`,
      accept: 'application/json',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  if (!response.ok) {
    await response.body?.cancel()
    throw new Error(
      `zendesk ${method} ${path.replace(/\/[0-9A-Z]{20,}\//, '/{id}/')}: ${response.status}`,
    )
  }
  return (await response.json()) as T
}

async function createWebhook(target: Target, name: string, subscriptions: string[]) {
  // docs: "Webhooks" › Create or Clone Webhook (POST /api/v2/webhooks)
  const created = await api<{ webhook: { id: string } }>(target, 'POST', '/api/v2/webhooks', {
    webhook: {
      name,
      status: 'active',
      endpoint: target.endpoint,
      http_method: 'POST',
      request_format: 'json',
      subscriptions,
    },
  })
  const id = created.webhook.id
  // docs: "Webhooks" › Show Webhook Signing Secret
  const secret = await api<{ signing_secret: { secret: string } }>(
    target,
    'GET',
    `/api/v2/webhooks/${id}/signing_secret`,
  )
  return { webhookId: id, signingSecret: secret.signing_secret.secret }
}

export async function setUpZendeskWebhooks(target: Target): Promise<CreatedWebhook[]> {
  const tickets = await createWebhook(target, 'cxlens: ticket changes', [
    'conditional_ticket_events',
  ])
  // docs: "Triggers" › Create Trigger; the action names the webhook and the JSON body it sends.
  await api(target, 'POST', '/api/v2/triggers', {
    trigger: {
      title: 'cxlens: refresh on ticket create or change',
      conditions: {
        any: [
          { field: 'update_type', operator: 'is', value: 'Create' },
          { field: 'update_type', operator: 'is', value: 'Change' },
        ],
      },
      actions: [
        {
          field: 'notification_webhook',
          value: [
            tickets.webhookId,
            '{"type":"ticket.updated","ticket_id":"{{ticket.id}}","status":"{{ticket.status}}"}',
          ],
        },
      ],
    },
  })
  const merges = await createWebhook(target, 'cxlens: user merges', ['zen:event-type:user.merged'])
  return [tickets, merges]
}
