import { beforeAll, describe, expect, it } from 'vitest'
import type { CustomerView } from '../../core/model/index.ts'
import { admin, call, createTenant, uniqueSubdomain } from './http.ts'
import { install } from './outbound.ts'
import { personRecord, ref, seed, ticketRecord } from './seed.ts'
import { hs256Jwt, hubspotHeaders, zafClaims } from './signing.ts'

const HS_SECRET = 'hubspot-client-secret-lookup-tests-0001'
const ZD_SECRET = 'zendesk-shared-secret-lookup-tests-0002'
const portalP = String(200_000_000 + Math.floor(Math.random() * 1_000_000))
const portalQ = String(Number(portalP) + 1)
const sub1 = uniqueSubdomain('one')
const sub2 = uniqueSubdomain('two')
let t: { tenantId: string; apiKey: string }

const email = (view: unknown) => (view as CustomerView).customer.emails[0]

beforeAll(async () => {
  install()
  t = await createTenant('Lookups')
  // Portal P: contact 501 asked ticket 601. Portal Q has a contact 501 too, someone else.
  const contactP = ref('hubspot', portalP, 'contact', '501')
  await seed(t.tenantId, { source: 'hubspot', account: portalP }, [
    personRecord(contactP, 'paula@p.example'),
    ticketRecord(ref('hubspot', portalP, 'ticket', '601'), contactP),
  ])
  const res = await admin('PUT', `/admin/tenants/${t.tenantId}/installations/hubspot`, {
    portalId: portalP,
    clientSecret: HS_SECRET,
  })
  expect(res.status).toBe(200)
})

describe('lookup by HubSpot ids', () => {
  it('finds a contact and a ticket of the tenant’s only portal with the API key', async () => {
    const byContact = await call('GET', '/v1/customers/lookup?hubspot_contact_id=501', {
      token: t.apiKey,
    })
    expect(byContact.status, byContact.text).toBe(200)
    expect(email(byContact.json)).toBe('paula@p.example')
    const byTicket = await call('GET', '/v1/customers/lookup?hubspot_ticket_id=601', {
      token: t.apiKey,
    })
    expect((byTicket.json as unknown as CustomerView).customer.id).toBe(
      (byContact.json as unknown as CustomerView).customer.id,
    )
    const unknown = await call('GET', '/v1/customers/lookup?hubspot_contact_id=999', {
      token: t.apiKey,
    })
    expect(unknown.status).toBe(404)
  })

  it('asks which portal once the tenant has two, and reads the one named', async () => {
    await seed(t.tenantId, { source: 'hubspot', account: portalQ }, [
      personRecord(ref('hubspot', portalQ, 'contact', '501'), 'quentin@q.example'),
    ])
    const ambiguous = await call('GET', '/v1/customers/lookup?hubspot_contact_id=501', {
      token: t.apiKey,
    })
    expect(ambiguous.status).toBe(400)
    expect(ambiguous.json?.errors).toEqual([expect.objectContaining({ field: 'query.account' })])
    expect(ambiguous.json?.detail).toContain('HubSpot portals')
    const named = await call(
      'GET',
      `/v1/customers/lookup?hubspot_contact_id=501&account=${portalQ}`,
      {
        token: t.apiKey,
      },
    )
    expect(email(named.json)).toBe('quentin@q.example')
  })

  it('accepts the parameters HubSpot adds and reads the signed portal, whatever `account` says', async () => {
    const path =
      `/v1/customers/lookup?hubspot_contact_id=501&account=${portalQ}&userId=123` +
      `&userEmail=agent%40p.example&associatedObjectId=501&associatedObjectType=CONTACT` +
      `&portalId=${portalP}&appId=77`
    const res = await call('GET', path, { headers: await hubspotHeaders(path, HS_SECRET) })
    expect(res.status, res.text).toBe(200)
    expect(email(res.json)).toBe('paula@p.example')
  })

  it('still names a missing or doubled key', async () => {
    const none = await call('GET', `/v1/customers/lookup?portalId=${portalP}&userId=1`, {
      token: t.apiKey,
    })
    expect(none.status).toBe(400)
    expect(none.json?.errors).toEqual([expect.objectContaining({ field: 'query.key' })])
    const two = await call('GET', '/v1/customers/lookup?hubspot_contact_id=1&hubspot_ticket_id=2', {
      token: t.apiKey,
    })
    expect(two.status).toBe(400)
    const bad = await call('GET', '/v1/customers/lookup?hubspot_ticket_id=x1', { token: t.apiKey })
    expect(bad.json?.errors).toEqual([
      expect.objectContaining({ field: 'query.hubspot_ticket_id' }),
    ])
  })
})

describe('lookup by Zendesk ids through a ZAF JWT', () => {
  it('reads the JWT’s own subdomain when the tenant has several', async () => {
    for (const [sub, mail] of [
      [sub1, 'one@z.example'],
      [sub2, 'two@z.example'],
    ] as const) {
      await seed(t.tenantId, { source: 'zendesk', account: sub }, [
        personRecord(ref('zendesk', sub, 'user', '42'), mail),
      ])
      const res = await admin('PUT', `/admin/tenants/${t.tenantId}/installations/zendesk`, {
        subdomain: sub,
        sharedSecret: ZD_SECRET,
      })
      expect(res.status).toBe(200)
    }
    const viaKey = await call('GET', '/v1/customers/lookup?zendesk_user_id=42', { token: t.apiKey })
    expect(viaKey.status).toBe(400)
    for (const [sub, mail] of [
      [sub1, 'one@z.example'],
      [sub2, 'two@z.example'],
    ] as const) {
      const token = await hs256Jwt(zafClaims(sub), ZD_SECRET)
      const res = await call('GET', '/v1/customers/lookup?zendesk_user_id=42', { token })
      expect(res.status, res.text).toBe(200)
      expect(email(res.json)).toBe(mail)
    }
  })
})
