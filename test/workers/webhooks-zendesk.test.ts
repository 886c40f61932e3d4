import { beforeAll, describe, expect, it } from 'vitest'
import type { CustomerView } from '../../core/model/index.ts'
import { admin, call, createTenant, uniqueSubdomain } from './http.ts'
import { personRecord, ref, seed, ticketRecord } from './seed.ts'

const SECRET = 'zendesk-webhook-signing-secret-0001'
const sub = uniqueSubdomain('hook')
let t: { tenantId: string; apiKey: string }

/**
 * Zendesk's recipe, from "Verifying webhook authenticity" (not from the middleware):
 * base64(HMAC-SHA256(signing secret, timestamp + body)).
 */
async function zendeskSignature(secret: string, timestamp: string, body: string) {
  const enc = new TextEncoder()
  const key = await crypto.subtle.importKey(
    'raw',
    enc.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(timestamp + body)))
  return btoa(String.fromCharCode(...mac))
}

async function deliver(
  body: unknown,
  options: {
    subdomain?: string
    secret?: string
    at?: number
    tamper?: (text: string) => string
    invocation?: string
  } = {},
) {
  const text = JSON.stringify(body)
  const timestamp = new Date(options.at ?? Date.now()).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const headers: Record<string, string> = {
    'x-zendesk-webhook-signature': await zendeskSignature(
      options.secret ?? SECRET,
      timestamp,
      text,
    ),
    'x-zendesk-webhook-signature-timestamp': timestamp,
  }
  if (options.invocation) headers['x-zendesk-webhook-invocation-id'] = options.invocation
  return call('POST', `/webhooks/zendesk/${options.subdomain ?? sub}`, {
    headers,
    body: options.tamper ? options.tamper(text) : text,
  })
}

const lookup = (userId: string) =>
  call('GET', `/v1/customers/lookup?zendesk_user_id=${userId}`, { token: t.apiKey })
const customerOf = async (userId: string) =>
  ((await lookup(userId)).json as unknown as CustomerView).customer

const merged = (loser: string, winner: string, id = crypto.randomUUID()) => ({
  type: 'zen:event-type:user.merged',
  account_id: 12514403,
  id,
  time: new Date().toISOString(),
  zendesk_event_version: '2022-06-20',
  subject: `zen:user:${loser}`,
  detail: { id: loser, role: 'end-user', organization_id: '0' },
  event: { user: { id: winner } },
})

beforeAll(async () => {
  t = await createTenant('Zendesk hooks')
  // Two Zendesk users, two addresses: two customers until Zendesk merges 102 into 101.
  const winner = ref('zendesk', sub, 'user', '101')
  const loser = ref('zendesk', sub, 'user', '102')
  await seed(t.tenantId, { source: 'zendesk', account: sub }, [
    personRecord(winner, 'winner@example.com', 'Win'),
    personRecord(loser, 'loser@example.com', 'Lose'),
    ticketRecord(ref('zendesk', sub, 'ticket', '9001'), winner),
    ticketRecord(ref('zendesk', sub, 'ticket', '9002'), loser),
  ])
  const res = await admin('PUT', `/admin/tenants/${t.tenantId}/webhooks/zendesk`, {
    subdomain: sub,
    signingSecret: SECRET,
  })
  expect(res.status, res.text).toBe(200)
  expect(res.json).toMatchObject({
    platform: 'zendesk',
    account: sub,
    path: `/webhooks/zendesk/${sub}`,
  })
  expect(res.text).not.toContain(SECRET)
})

describe('POST /webhooks/zendesk/:subdomain signatures', () => {
  const trigger = { type: 'ticket.updated', ticket_id: '9001', requester_id: '101' }

  it('accepts a delivery signed with the subdomain’s secret', async () => {
    const res = await deliver(trigger)
    expect(res.status, res.text).toBe(200)
    // The seeded account has no scheduled connection: nothing to refresh, still a 2xx.
    expect(res.json).toEqual({ received: 1, duplicates: 0, written: 0, refresh: 'no_connection' })
  })

  it('refuses a timestamp older than 5 minutes, or too far ahead, with a 401 problem', async () => {
    const stale = await deliver(trigger, { at: Date.now() - 6 * 60_000 })
    expect(stale.status).toBe(401)
    expect(stale.type).toContain('application/problem+json')
    expect(stale.json?.detail).toContain('window')
    const ahead = await deliver(trigger, { at: Date.now() + 10 * 60_000 })
    expect(ahead.status).toBe(401)
  })

  it('refuses an altered body, a wrong secret and a missing signature', async () => {
    const altered = await deliver(trigger, { tamper: (s) => s.replace('9001', '9002') })
    expect(altered.status).toBe(401)
    expect(altered.json?.detail).toContain('does not match')
    const wrong = await deliver(trigger, { secret: 'another-secret-of-enough-length' })
    expect(wrong.status).toBe(401)
    const unsigned = await call('POST', `/webhooks/zendesk/${sub}`, { body: trigger })
    expect(unsigned.status).toBe(401)
  })

  it('checks the signature before the body: a signed non-JSON body is a 400, an unsigned one a 401', async () => {
    const text = 'not json {'
    const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
    const signature = await zendeskSignature(SECRET, timestamp, text)
    const signed = await call('POST', `/webhooks/zendesk/${sub}`, {
      headers: {
        'x-zendesk-webhook-signature': signature,
        'x-zendesk-webhook-signature-timestamp': timestamp,
      },
      body: text,
    })
    expect(signed.status, signed.text).toBe(400)
    expect(signed.json?.detail).toBe('The body is not JSON')
    const unsigned = await call('POST', `/webhooks/zendesk/${sub}`, { body: text })
    expect(unsigned.status).toBe(401)
  })

  it('accepts the secret of each of the subdomain’s webhooks (a trigger one, an event one)', async () => {
    const second = 'zendesk-event-webhook-secret-0002'
    const res = await admin('PUT', `/admin/tenants/${t.tenantId}/webhooks/zendesk`, {
      subdomain: sub,
      signingSecret: second,
      webhookId: '01GZ2M8EVENTS',
    })
    expect(res.json).toMatchObject({ webhookId: '01GZ2M8EVENTS' })
    expect((await deliver(trigger, { secret: second })).status).toBe(200)
    expect((await deliver(trigger)).status).toBe(200)
  })

  it('answers 404 for a subdomain no tenant configured a webhook for', async () => {
    const res = await deliver(trigger, { subdomain: uniqueSubdomain('nobody') })
    expect(res.status).toBe(404)
    expect(res.type).toContain('application/problem+json')
  })

  it('sets the secret only for a known tenant and refuses a subdomain of another tenant', async () => {
    const other = await createTenant('Other')
    const taken = await admin('PUT', `/admin/tenants/${other.tenantId}/webhooks/zendesk`, {
      subdomain: sub,
      signingSecret: 'yet-another-secret-0123456789',
    })
    expect(taken.status).toBe(409)
    const short = await admin('PUT', `/admin/tenants/${other.tenantId}/webhooks/zendesk`, {
      subdomain: uniqueSubdomain(),
      signingSecret: 'short',
    })
    expect(short.status).toBe(400)
    const unauthenticated = await call('PUT', `/admin/tenants/${other.tenantId}/webhooks/zendesk`, {
      body: { subdomain: uniqueSubdomain(), signingSecret: 'yet-another-secret-0123456789' },
    })
    expect(unauthenticated.status).toBe(401)
  })
})

describe('Zendesk user.merged', () => {
  it('makes the merged-away user resolve to the survivor’s customer, once per event id', async () => {
    const before = [await customerOf('101'), await customerOf('102')]
    expect(before[0]!.id).not.toBe(before[1]!.id)

    const event = merged('102', '101')
    const res = await deliver(event)
    expect(res.status, res.text).toBe(200)
    expect(res.json).toMatchObject({ received: 1, duplicates: 0, written: 1 })

    const winner = await customerOf('101')
    const loser = await customerOf('102')
    expect(loser.id).toBe(winner.id)
    // History re-points to the survivor: the loser's ticket is the customer's too.
    const view = (await lookup('102')).json as unknown as CustomerView
    expect(view.tickets.total).toBe(2)

    // Zendesk retries with the same event id: applied once.
    const replay = await deliver(event)
    expect(replay.json).toMatchObject({ received: 1, duplicates: 1, written: 0 })
  })

  it('asks only for a refresh when the event does not name the survivor', async () => {
    const { event: _e, ...withoutSurvivor } = merged('102', '101')
    const res = await deliver(withoutSurvivor)
    expect(res.json).toMatchObject({ written: 0, refresh: 'no_connection' })
  })
})
