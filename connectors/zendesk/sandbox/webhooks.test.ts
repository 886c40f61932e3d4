import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createZendeskSandbox } from './app.ts'

const BASE = 'http://acme.sandbox.test'

describe('Zendesk sandbox webhooks and triggers', () => {
  it('creates a trigger webhook, then delivers signed requests after a mutation', async () => {
    const received: { headers: Headers; body: string }[] = []
    const sandbox = createZendeskSandbox({
      seed: 3,
      users: 30,
      tickets: 40,
      webhookFetch: (async (_url: RequestInfo | URL, init?: RequestInit) => {
        received.push({ headers: new Headers(init?.headers), body: String(init?.body) })
        return new Response(null, { status: 200 })
      }) as typeof fetch,
    })
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await sandbox.app.request(`${BASE}${path}`, {
        method,
        headers: { authorization: sandbox.authHeaders.basic, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      })
      return { status: response.status, body: (await response.json()) as Record<string, any> }
    }
    const created = await call('POST', '/api/v2/webhooks', {
      webhook: {
        name: 'cxlens',
        status: 'active',
        endpoint: 'https://cxlens.example/webhooks/zendesk/t1',
        http_method: 'POST',
        request_format: 'json',
        subscriptions: ['conditional_ticket_events'],
      },
    })
    expect(created.status).toBe(201)
    const id = created.body.webhook.id as string
    expect(created.body.webhook).not.toHaveProperty('secret')
    const secret = (await call('GET', `/api/v2/webhooks/${id}/signing_secret`)).body.signing_secret
    expect(secret.algorithm).toBe('SHA256')

    const mixed = await call('POST', '/api/v2/webhooks', {
      webhook: {
        name: 'x',
        endpoint: 'https://x.example',
        subscriptions: ['conditional_ticket_events', 'zen:event-type:user.merged'],
      },
    })
    expect(mixed.status).toBe(400)

    const trigger = await call('POST', '/api/v2/triggers', {
      trigger: {
        title: 'cxlens: ticket changed',
        conditions: {
          any: [
            { field: 'update_type', operator: 'is', value: 'Create' },
            { field: 'update_type', operator: 'is', value: 'Change' },
          ],
        },
        actions: [
          {
            field: 'notification_webhook',
            value: [id, '{"ticket_id":"{{ticket.id}}","status":"{{ticket.status}}"}'],
          },
        ],
      },
    })
    expect(trigger.status).toBe(201)
    const badTrigger = await call('POST', '/api/v2/triggers', {
      trigger: {
        title: 't',
        conditions: { all: [{ field: 'status', operator: 'is', value: 'open' }] },
        actions: [{ field: 'notification_webhook', value: ['nope', '{}'] }],
      },
    })
    expect(badTrigger.status).toBe(422)

    const mutation = sandbox.mutate({ newTickets: 2, updatedTickets: 3 })
    const deliveries = await sandbox.webhooks.deliver(mutation)
    expect(deliveries).toHaveLength(5)
    expect(received).toHaveLength(5)
    const ids = received.map((r) => JSON.parse(r.body).ticket_id).sort()
    expect(ids).toEqual(
      [...mutation.tickets.created, ...mutation.tickets.updated].map(String).sort(),
    )
    for (const { headers, body } of received) {
      const timestamp = headers.get('x-zendesk-webhook-signature-timestamp')!
      const expected = createHmac('sha256', secret.secret)
        .update(timestamp + body)
        .digest('base64')
      expect(headers.get('x-zendesk-webhook-signature')).toBe(expected)
    }
  })
})
