import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CustomerView } from '../../core/model/index.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import type { Tenant } from '../../apps/worker/tenant/tenant.ts'
import { refreshCounts } from '../../apps/worker/tenant/refresh.ts'
import { admin, call, createTenant, uniqueSubdomain } from './http.ts'
import { install } from './outbound.ts'
import { npsRecord, personRecord, ref, seed, ticketRecord } from './seed.ts'

const SECRET = 'hubspot-app-client-secret-webhooks-01'
const portal = String(300_000_000 + Math.floor(Math.random() * 1_000_000))
const zsub = uniqueSubdomain('zd')
const URL_ = 'https://cxlens.test/webhooks/hubspot'
let t: { tenantId: string; apiKey: string }
let connectionId: string

const enc = new TextEncoder()
const b64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
const hex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('')

/** HubSpot v3, from "Validating requests from HubSpot": base64(HMAC-SHA256(secret, POST + URL + body + ts)). */
async function v3(body: string, timestamp: number, secret = SECRET) {
  const key = await crypto.subtle.importKey(
    'raw',
    enc.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  return b64(await crypto.subtle.sign('HMAC', key, enc.encode(`POST${URL_}${body}${timestamp}`)))
}

/** HubSpot v1: hex(SHA-256(client secret + body)). */
const v1 = async (body: string, secret = SECRET) =>
  hex(await crypto.subtle.digest('SHA-256', enc.encode(secret + body)))

let nextEventId = 1_000
function event(subscriptionType: string, objectId: string, extra: Record<string, unknown> = {}) {
  return {
    eventId: nextEventId++,
    subscriptionId: 4242,
    portalId: Number(portal),
    appId: 77,
    occurredAt: Date.now(),
    subscriptionType,
    attemptNumber: 0,
    objectId: Number(objectId),
    changeSource: 'CRM_UI',
    ...extra,
  }
}

async function deliver(
  events: unknown[],
  options: { at?: number; tamper?: (s: string) => string; signature?: 'v1' | 'none' } = {},
) {
  const text = JSON.stringify(events)
  const timestamp = options.at ?? Date.now()
  const headers: Record<string, string> =
    options.signature === 'v1'
      ? { 'x-hubspot-signature': await v1(text), 'x-hubspot-signature-version': 'v1' }
      : options.signature === 'none'
        ? {}
        : {
            'x-hubspot-signature-v3': await v3(text, timestamp),
            'x-hubspot-request-timestamp': String(timestamp),
          }
  return call('POST', '/webhooks/hubspot', {
    headers,
    body: options.tamper ? options.tamper(text) : text,
  })
}

const lookup = (query: string) => call('GET', `/v1/customers/lookup?${query}`, { token: t.apiKey })
const contact = (id: string) => lookup(`hubspot_contact_id=${id}&account=${portal}`)
const customerOf = async (id: string) =>
  ((await contact(id)).json as unknown as CustomerView).customer

beforeAll(async () => {
  install() // the connection's own syncs reach no network: its vendor answers 401
  t = await createTenant('HubSpot hooks')
  const created = await admin('POST', `/admin/tenants/${t.tenantId}/connections`, {
    source: 'hubspot',
    portalId: portal,
    auth: { kind: 'private_app', token: 'pat-na1-webhook-tests' },
  })
  expect(created.status, created.text).toBe(201)
  connectionId = (created.json as { id: string }).id
  const installed = await admin('PUT', `/admin/tenants/${t.tenantId}/installations/hubspot`, {
    portalId: portal,
    clientSecret: SECRET,
  })
  expect(installed.status, installed.text).toBe(200)

  const jane = ref('hubspot', portal, 'contact', '501')
  const bob = ref('hubspot', portal, 'contact', '502')
  await seed(t.tenantId, { source: 'hubspot', account: portal }, [
    personRecord(jane, 'jane@example.com', 'Jane'),
    ticketRecord(ref('hubspot', portal, 'ticket', '601'), jane),
    npsRecord(ref('hubspot', portal, 'feedback_submission', '701'), jane, 3),
    personRecord(bob, 'bob@example.com', 'Bob'),
    ticketRecord(ref('hubspot', portal, 'ticket', '602'), bob),
    personRecord(ref('hubspot', portal, 'contact', '511'), 'ann@example.com', 'Ann'),
    personRecord(ref('hubspot', portal, 'contact', '512'), 'ann.work@example.com', 'Ann W'),
  ])
  // Jane is also a Zendesk user: one customer, two identities.
  const zJane = ref('zendesk', zsub, 'user', '88')
  await seed(t.tenantId, { source: 'zendesk', account: zsub }, [
    personRecord(zJane, 'jane@example.com', 'Jane'),
    ticketRecord(ref('zendesk', zsub, 'ticket', '77'), zJane),
  ])
})

describe('POST /webhooks/hubspot signatures', () => {
  it('accepts a v3 signature and a v1 signature computed from HubSpot’s recipes', async () => {
    const three = await deliver([event('contact.propertyChange', '511')])
    expect(three.status, three.text).toBe(200)
    expect(three.json).toMatchObject({ ignored: 0, portals: [{ portalId: portal, received: 1 }] })
    const one = await deliver([event('contact.propertyChange', '511')], { signature: 'v1' })
    expect(one.status, one.text).toBe(200)
  })

  it('refuses a stale timestamp, an altered body and an unsigned delivery with a 401 problem', async () => {
    const stale = await deliver([event('contact.deletion', '511')], {
      at: Date.now() - 6 * 60_000,
    })
    expect(stale.status).toBe(401)
    expect(stale.type).toContain('application/problem+json')
    const altered = await deliver([event('contact.privacyDeletion', '511')], {
      tamper: (s) => s.replace('"objectId":511', '"objectId":512'),
    })
    expect(altered.status).toBe(401)
    const alteredV1 = await deliver([event('contact.privacyDeletion', '511')], {
      signature: 'v1',
      tamper: (s) => s.replace('"objectId":511', '"objectId":512'),
    })
    expect(alteredV1.status).toBe(401)
    const unsigned = await deliver([event('contact.deletion', '511')], { signature: 'none' })
    expect(unsigned.status).toBe(401)
    // Nothing of the refused deliveries was applied.
    expect((await contact('512')).status).toBe(200)
  })

  it('answers 404 when no tenant installed the events’ portal', async () => {
    const res = await deliver([{ ...event('contact.deletion', '1'), portalId: 999_999_999 }])
    expect(res.status).toBe(404)
  })
})

describe('HubSpot contact.privacyDeletion', () => {
  it('removes every trace of the contact; the customer keeps only its Zendesk identity', async () => {
    const before = (await lookup('email=jane@example.com')).json as unknown as CustomerView
    expect(before.customer.identities.map((r) => r.source).sort()).toEqual(['hubspot', 'zendesk'])
    expect(before.nps.responses).toHaveLength(1)

    const res = await deliver([event('contact.privacyDeletion', '501')])
    expect(res.status, res.text).toBe(200)
    expect(res.json).toMatchObject({ portals: [{ written: 1, refresh: 'none' }] })

    expect((await contact('501')).status).toBe(404)
    expect((await lookup(`hubspot_ticket_id=601&account=${portal}`)).status).toBe(404)
    const after = (await lookup('email=jane@example.com')).json as unknown as CustomerView
    expect(after.customer.identities).toEqual([
      expect.objectContaining({ source: 'zendesk', id: '88' }),
    ])
    expect(after.nps.responses).toEqual([])
    expect(after.tickets.total).toBe(1)
    await runInDurableObject(tenantStub(env, t.tenantId), (instance: Tenant) => {
      const { store } = instance
      for (const [object, id] of [
        ['contact', '501'],
        ['ticket', '601'],
        ['feedback_submission', '701'],
      ]) {
        expect(store.getRecord(ref('hubspot', portal, object!, id!))).toBeNull()
      }
      const body = JSON.stringify(store.listCustomers(1000).customers)
      expect(body).not.toContain('hubspot:' + portal + ':contact:501')
    })
  })

  it('leaves no customer behind for a contact known only to HubSpot', async () => {
    const bobBefore = await customerOf('502')
    await deliver([event('contact.privacyDeletion', '502')], { signature: 'v1' })
    expect((await contact('502')).status).toBe(404)
    expect((await lookup('email=bob@example.com')).status).toBe(404)
    expect((await call('GET', `/v1/customers/${bobBefore.id}`, { token: t.apiKey })).status).toBe(
      404,
    )
  })
})

describe('HubSpot contact.merge', () => {
  it('folds the merged contact into the primary one, once per event', async () => {
    expect((await customerOf('511')).id).not.toBe((await customerOf('512')).id)
    const merge = event('contact.merge', '511', {
      primaryObjectId: '511',
      mergedObjectIds: ['512'],
      newObjectId: '511',
      numberOfPropertiesMoved: 3,
    })
    const res = await deliver([merge])
    expect(res.json).toMatchObject({ portals: [{ received: 1, duplicates: 0, written: 1 }] })
    expect((await customerOf('512')).id).toBe((await customerOf('511')).id)

    const replay = await deliver([merge])
    expect(replay.json).toMatchObject({ portals: [{ received: 1, duplicates: 1, written: 0 }] })
  })
})

describe('coalesced refreshes', () => {
  it('a burst of 100 import propertyChange events arms one refresh, not 100', async () => {
    // Earlier tests of this file armed a refresh: start from none pending.
    await runInDurableObject(tenantStub(env, t.tenantId), (i: Tenant) =>
      i.store.sql.run('DELETE FROM worker_webhook_refresh WHERE connection_id = ?', connectionId),
    )
    const outcomes: string[] = []
    for (let n = 0; n < 100; n++) {
      const res = await deliver([
        event('contact.propertyChange', String(5000 + n), {
          changeSource: 'IMPORT',
          propertyName: 'lifecyclestage',
        }),
      ])
      expect(res.status).toBe(200)
      outcomes.push((res.json as { portals: { refresh: string }[] }).portals[0]!.refresh)
    }
    const after = await runInDurableObject(tenantStub(env, t.tenantId), (i: Tenant) =>
      refreshCounts(i.store.sql, connectionId),
    )
    expect(after).toMatchObject({ armed: 1, coalesced: 99 })
    expect(outcomes[0]).toBe('armed')
    expect(outcomes.slice(1).every((o) => o === 'coalesced')).toBe(true)
    // The connection is due no later than the pending refresh.
    const state = await admin('GET', `/admin/tenants/${t.tenantId}/connections/${connectionId}`)
    const nextRunAt = Date.parse(
      (state.json as { connection: { nextRunAt: string } }).connection.nextRunAt,
    )
    expect(nextRunAt).toBeLessThanOrEqual(Date.parse(after.refreshAt!))
  })

  it('100 events in one delivery are one refresh too', async () => {
    const events = Array.from({ length: 100 }, (_, n) =>
      event('ticket.propertyChange', String(8000 + n), { changeSource: 'IMPORT' }),
    )
    const res = await deliver(events)
    expect(res.json).toMatchObject({ portals: [{ received: 100, duplicates: 0, written: 0 }] })
    expect(['armed', 'coalesced']).toContain(
      (res.json as { portals: { refresh: string }[] }).portals[0]!.refresh,
    )
  })
})
