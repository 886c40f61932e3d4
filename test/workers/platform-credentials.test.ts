import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CustomerView } from '../../core/model/index.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import { admin, call, createTenant, uniqueSubdomain } from './http.ts'
import { install } from './outbound.ts'
import { personRecord, ref, seed, ticketRecord } from './seed.ts'
import { hs256Jwt, hubspotHeaders, zafClaims } from './signing.ts'

const SECRET_A = 'zendesk-shared-secret-of-tenant-a-0001'
const SECRET_B = 'zendesk-shared-secret-of-tenant-b-0002'
const HS_SECRET_A = 'hubspot-client-secret-of-tenant-a-0003'
/** `HUBSPOT_CLIENT_SECRET` of the workers tests (vitest.config.ts): the marketplace app's key. */
const HS_GLOBAL = 'test-hubspot-marketplace-secret-0123456789'

let a: { tenantId: string; apiKey: string }
let b: { tenantId: string; apiKey: string }
const subA = uniqueSubdomain('tenant-a')
const subB = uniqueSubdomain('tenant-b')
const portalA = String(100_000 + Math.floor(Math.random() * 800_000))
const portalB = String(Number(portalA) + 1)
let customerA: string
let customerB: string

beforeAll(async () => {
  install()
  a = await createTenant('A')
  b = await createTenant('B')
  for (const [t, body] of [
    [a, { subdomain: subA, sharedSecret: SECRET_A }],
    [b, { subdomain: subB, sharedSecret: SECRET_B }],
  ] as const) {
    const res = await admin('PUT', `/admin/tenants/${t.tenantId}/installations/zendesk`, body)
    expect(res.status, res.text).toBe(200)
  }
  expect(
    (
      await admin('PUT', `/admin/tenants/${a.tenantId}/installations/hubspot`, {
        portalId: portalA,
        clientSecret: HS_SECRET_A,
      })
    ).status,
  ).toBe(200)
  expect(
    (
      await admin('PUT', `/admin/tenants/${b.tenantId}/installations/hubspot`, {
        portalId: portalB,
      })
    ).status,
  ).toBe(200)
  // Both tenants have a Zendesk user 101 and a customer of their own.
  const userA = ref('zendesk', subA, 'user', '101')
  await seed(a.tenantId, { source: 'zendesk', account: subA }, [
    personRecord(userA, 'jane@a.example', 'Jane A'),
    ticketRecord(ref('zendesk', subA, 'ticket', '7'), userA),
  ])
  const userB = ref('zendesk', subB, 'user', '101')
  await seed(b.tenantId, { source: 'zendesk', account: subB }, [
    personRecord(userB, 'bob@b.example', 'Bob B'),
  ])
  customerA = (await viewBy(a.apiKey, 'zendesk_user_id=101')).customer.id
  customerB = (await viewBy(b.apiKey, 'zendesk_user_id=101')).customer.id
})

async function viewBy(apiKey: string, query: string): Promise<CustomerView> {
  const res = await call('GET', `/v1/customers/lookup?${query}`, { token: apiKey })
  expect(res.status, res.text).toBe(200)
  return res.json as unknown as CustomerView
}

const withJwt = async (path: string, claims: Record<string, unknown>, secret: string) =>
  call('GET', path, { token: await hs256Jwt(claims, secret) })

describe('installations (admin)', () => {
  it('answers without the secret and keeps it sealed in the tenant object', async () => {
    const res = await admin('PUT', `/admin/tenants/${a.tenantId}/installations/zendesk`, {
      subdomain: subA.toUpperCase(),
      sharedSecret: SECRET_A,
    })
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ platform: 'zendesk', externalId: subA, secret: 'tenant' })
    expect(res.text).not.toContain(SECRET_A)
    const list = await admin('GET', `/admin/tenants/${a.tenantId}/installations`)
    expect(list.json?.installations).toEqual([
      expect.objectContaining({ platform: 'hubspot', externalId: portalA, secret: 'tenant' }),
      expect.objectContaining({ platform: 'zendesk', externalId: subA, secret: 'tenant' }),
    ])
    expect(list.text).not.toContain(HS_SECRET_A)
    const dump = await runInDurableObject(tenantStub(env, a.tenantId), (_i, state) =>
      JSON.stringify(state.storage.sql.exec('SELECT * FROM worker_installations').toArray()),
    )
    expect(dump).toContain(subA)
    expect(dump).not.toContain(SECRET_A)
    expect(dump).not.toContain(HS_SECRET_A)
  })

  it('routes a subdomain or a portal to one tenant only', async () => {
    const taken = await admin('PUT', `/admin/tenants/${b.tenantId}/installations/zendesk`, {
      subdomain: subA,
      sharedSecret: SECRET_B,
    })
    expect(taken.status).toBe(409)
    const portal = await admin('PUT', `/admin/tenants/${b.tenantId}/installations/hubspot`, {
      portalId: portalA,
    })
    expect(portal.status).toBe(409)
  })

  it('names bad fields: a short secret, a malformed portal', async () => {
    const short = await admin('PUT', `/admin/tenants/${a.tenantId}/installations/zendesk`, {
      subdomain: subA,
      sharedSecret: 'short',
    })
    expect(short.status).toBe(400)
    expect(short.json?.errors).toEqual([expect.objectContaining({ field: 'body.sharedSecret' })])
    const portal = await admin('PUT', `/admin/tenants/${a.tenantId}/installations/hubspot`, {
      portalId: 'abc',
    })
    expect(portal.json?.errors).toEqual([expect.objectContaining({ field: 'body.portalId' })])
  })
})

describe('ZAF JWT on /v1/customers', () => {
  it('reads the tenant’s customer with a JWT signed by the installation secret', async () => {
    const res = await withJwt('/v1/customers/lookup?zendesk_user_id=101', zafClaims(subA), SECRET_A)
    expect(res.status, res.text).toBe(200)
    const view = res.json as unknown as CustomerView
    expect(view.customer.id).toBe(customerA)
    expect(view.customer.emails).toEqual(['jane@a.example'])
    expect(view.tickets.open.map((t) => t.ref.id)).toEqual(['7'])
  })

  it('refuses forged, expired, wrong-audience and wrong-issuer tokens before reading anything', async () => {
    const path = `/v1/customers/${customerA}`
    const now = Math.floor(Date.now() / 1000)
    const good = await hs256Jwt(zafClaims(subA), SECRET_A)
    const [h, , s] = good.split('.')
    const tamperedClaims = btoa(JSON.stringify(zafClaims(subA, { sub: '1' })))
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
    const cases: Record<string, string> = {
      'signed with another secret': await hs256Jwt(zafClaims(subA), SECRET_B),
      'claims changed after signing': `${h}.${tamperedClaims}.${s}`,
      expired: await hs256Jwt(zafClaims(subA, { iat: now - 900, exp: now - 600 }), SECRET_A),
      'wrong audience': await hs256Jwt(zafClaims(subA, { aud: 'someone-else' }), SECRET_A),
      'unknown issuer': await hs256Jwt(zafClaims(uniqueSubdomain('nobody')), SECRET_A),
      'other tenant’s issuer with this secret': await hs256Jwt(zafClaims(subB), SECRET_A),
      'alg none': `${btoa('{"alg":"none","typ":"JWT"}').replace(/=+$/, '')}.${tamperedClaims}.`,
    }
    for (const [name, token] of Object.entries(cases)) {
      const res = await call('GET', path, { token })
      expect(res.status, name).toBe(401)
      expect(res.type, name).toBe('application/problem+json')
      expect(res.text, name).not.toContain('jane@a.example')
    }
  })

  it('keeps tenants apart: tenant A’s JWT never reads tenant B’s customer', async () => {
    const jwt = { token: await hs256Jwt(zafClaims(subA), SECRET_A) }
    const byId = await call('GET', `/v1/customers/${customerB}`, jwt)
    expect(byId.status).toBe(404)
    const byEmail = await call('GET', '/v1/customers/lookup?email=bob@b.example', jwt)
    expect(byEmail.status).toBe(404)
    expect(byEmail.text).not.toContain('Bob')
    // B's own JWT reads it.
    const own = await withJwt(`/v1/customers/${customerB}`, zafClaims(subB), SECRET_B)
    expect(own.status).toBe(200)
    expect((own.json as unknown as CustomerView).customer.emails).toEqual(['bob@b.example'])
  })

  it('refuses a subdomain linked by a connection but with no app installation', async () => {
    const sub = uniqueSubdomain('connected-only')
    const linked = await admin('POST', `/admin/tenants/${a.tenantId}/connections`, {
      source: 'zendesk',
      subdomain: sub,
      auth: { kind: 'oauth', accessToken: 'x' },
      schedule: { everyMinutes: 1440 },
    })
    expect(linked.status).toBe(201)
    const res = await withJwt(`/v1/customers/${customerA}`, zafClaims(sub), SECRET_A)
    expect(res.status).toBe(401)
  })
})

describe('HubSpot v3 signature on /v1/customers', () => {
  const pathA = () => `/v1/customers/${customerA}?portalId=${portalA}&userId=77&appId=9`

  it('reads with a request signed by the tenant’s own client secret', async () => {
    const res = await call('GET', pathA(), { headers: await hubspotHeaders(pathA(), HS_SECRET_A) })
    expect(res.status, res.text).toBe(200)
    expect((res.json as unknown as CustomerView).customer.id).toBe(customerA)
  })

  it('reads with the marketplace app’s secret for a portal installed without its own', async () => {
    const path = `/v1/customers/${customerB}?portalId=${portalB}&userId=78`
    const res = await call('GET', path, { headers: await hubspotHeaders(path, HS_GLOBAL) })
    expect(res.status, res.text).toBe(200)
    expect((res.json as unknown as CustomerView).customer.id).toBe(customerB)
  })

  it('refuses a wrong secret, a stale timestamp and an altered query', async () => {
    const path = pathA()
    const cases: Record<string, { path: string; headers: Record<string, string> }> = {
      'another tenant’s secret': { path, headers: await hubspotHeaders(path, SECRET_B) },
      // A per-tenant secret overrides the marketplace one.
      'the global secret for a portal with its own': {
        path,
        headers: await hubspotHeaders(path, HS_GLOBAL),
      },
      'ten minutes old': {
        path,
        headers: await hubspotHeaders(path, HS_SECRET_A, { timestamp: Date.now() - 600_000 }),
      },
      'query changed after signing': {
        path: path.replace('userId=77', 'userId=78'),
        headers: await hubspotHeaders(path, HS_SECRET_A),
      },
      'portal of another tenant': {
        path: path.replace(`portalId=${portalA}`, `portalId=${portalB}`),
        headers: await hubspotHeaders(
          path.replace(`portalId=${portalA}`, `portalId=${portalB}`),
          HS_SECRET_A,
        ),
      },
    }
    for (const [name, request] of Object.entries(cases)) {
      const res = await call('GET', request.path, { headers: request.headers })
      expect(res.status, name).toBe(401)
      expect(res.text, name).not.toContain('jane@a.example')
    }
  })

  it('keeps tenants apart: portal A’s signed request never reads tenant B’s customer', async () => {
    const path = `/v1/customers/${customerB}?portalId=${portalA}`
    const res = await call('GET', path, { headers: await hubspotHeaders(path, HS_SECRET_A) })
    expect(res.status).toBe(404)
  })
})
