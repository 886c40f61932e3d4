import { runDurableObjectAlarm } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import type { ConnectionState } from '../../apps/worker/tenant/rpc-types.ts'
import { install } from './outbound.ts'
import { addZendeskConnection, admin, call, createTenant, uniqueSubdomain } from './http.ts'

beforeAll(install)

describe('admin token', () => {
  it('refuses a request without a bearer with a 401 problem', async () => {
    const res = await call('POST', '/admin/tenants', { body: { name: 'Acme' } })
    expect(res.status).toBe(401)
    expect(res.type).toBe('application/problem+json')
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect(res.json).toMatchObject({
      status: 401,
      title: 'Unauthorized',
      instance: '/admin/tenants',
    })
  })

  it('refuses a wrong token, even one sharing the right prefix', async () => {
    const res = await call('POST', '/admin/tenants', {
      token: 'test-admin-token-0123456789abcdeX',
      body: { name: 'Acme' },
    })
    expect(res.status).toBe(401)
    expect(res.json?.detail).toBe('Invalid admin token')
  })

  it('refuses a tenant API key on admin routes', async () => {
    const { apiKey } = await createTenant()
    const res = await call('POST', '/admin/tenants', { token: apiKey, body: { name: 'Other' } })
    expect(res.status).toBe(401)
  })
})

describe('POST /admin/tenants', () => {
  it('creates a tenant and returns its API key once', async () => {
    const res = await admin('POST', '/admin/tenants', { name: 'Acme SAS' })
    expect(res.status).toBe(201)
    const { tenantId, apiKey, name } = res.json as Record<string, string>
    expect(name).toBe('Acme SAS')
    expect(tenantId).toMatch(/^t[0-9a-z]{20}$/)
    expect(apiKey).toMatch(new RegExp(`^cxl_${tenantId}_[A-Za-z0-9_-]{43}$`))
  })

  it('names the bad field of a bad body', async () => {
    const res = await admin('POST', '/admin/tenants', { name: '' })
    expect(res.status).toBe(400)
    expect(res.type).toBe('application/problem+json')
    expect(res.json?.errors).toEqual([expect.objectContaining({ field: 'body.name' })])
    expect(res.json?.detail).toContain('body.name')
  })

  it('answers malformed JSON with a 400 problem, not a 500', async () => {
    const res = await admin('POST', '/admin/tenants', '{"name": ')
    expect(res.status).toBe(400)
    expect(res.type).toBe('application/problem+json')
  })
})

describe('connections', () => {
  it('creates a Zendesk connection and never returns its secret', async () => {
    const { tenantId } = await createTenant()
    const subdomain = uniqueSubdomain()
    const res = await addZendeskConnection(tenantId, { subdomain, schedule: { everyMinutes: 10 } })
    expect(res.status).toBe(201)
    expect(res.json).toMatchObject({
      source: 'zendesk',
      account: subdomain,
      baseUrl: `https://${subdomain}.zendesk.com`,
      auth: { kind: 'api_token' },
      schedule: { everyMinutes: 10 },
    })
    expect(res.json?.id).toMatch(/^con_[0-9a-z]{20}$/)
    expect(res.text).not.toContain('zd-secret-token-123')
    expect(res.text).not.toContain('ops@acme.example')

    const state = await admin('GET', `/admin/tenants/${tenantId}/connections/${res.json?.id}`)
    expect(state.status).toBe(200)
    expect(state.json).toMatchObject({ connection: { id: res.json?.id, account: subdomain } })
    expect(state.text).not.toContain('zd-secret-token-123')
  })

  it('names the nested bad field', async () => {
    const { tenantId } = await createTenant()
    const res = await addZendeskConnection(tenantId, {
      auth: { kind: 'api_token', email: 'not-an-email', token: 'x' },
    })
    expect(res.status).toBe(400)
    expect(res.json?.errors).toEqual([expect.objectContaining({ field: 'body.auth.email' })])
  })

  it('needs a subdomain or a base URL', async () => {
    const { tenantId } = await createTenant()
    const res = await addZendeskConnection(tenantId, { subdomain: undefined })
    expect(res.status).toBe(400)
    expect(res.json?.errors).toEqual([expect.objectContaining({ field: 'body.subdomain' })])
  })

  it('routes one vendor account to one tenant only', async () => {
    const a = await createTenant('A')
    const b = await createTenant('B')
    const subdomain = uniqueSubdomain('shared')
    expect((await addZendeskConnection(a.tenantId, { subdomain })).status).toBe(201)
    const again = await addZendeskConnection(a.tenantId, { subdomain })
    expect(again.status).toBe(409)
    const other = await addZendeskConnection(b.tenantId, { subdomain })
    expect(other.status).toBe(409)
    expect(other.type).toBe('application/problem+json')
  })

  it('answers 404 for an unknown tenant or connection and 400 for a malformed id', async () => {
    const { tenantId } = await createTenant()
    const unknownTenant = await addZendeskConnection('t0000000000000000000a')
    expect(unknownTenant.status).toBe(404)
    const unknownConnection = await admin(
      'POST',
      `/admin/tenants/${tenantId}/connections/con_00000000000000000000/sync`,
    )
    expect(unknownConnection.status).toBe(404)
    const malformed = await admin('GET', `/admin/tenants/${tenantId}/connections/nope`)
    expect(malformed.status).toBe(400)
    expect(malformed.json?.errors).toEqual([
      expect.objectContaining({ field: 'path.connectionId' }),
    ])
  })

  it('connects a HubSpot portal, naming bad fields, one tenant per portal', async () => {
    const a = await createTenant('A')
    const b = await createTenant('B')
    const portalId = String(500_000_000 + Math.floor(Math.random() * 1_000_000))
    const body = {
      source: 'hubspot',
      portalId,
      auth: { kind: 'oauth', accessToken: 'hs-oauth-secret-456' },
      schedule: { everyMinutes: 1440 },
    }
    const created = await admin('POST', `/admin/tenants/${a.tenantId}/connections`, body)
    expect(created.status, created.text).toBe(201)
    expect(created.json).toMatchObject({
      source: 'hubspot',
      account: portalId,
      baseUrl: 'https://api.hubapi.com',
      auth: { kind: 'oauth' },
    })
    expect(created.text).not.toContain('hs-oauth-secret-456')
    const taken = await admin('POST', `/admin/tenants/${b.tenantId}/connections`, body)
    expect(taken.status).toBe(409)
    const bad = await admin('POST', `/admin/tenants/${a.tenantId}/connections`, {
      ...body,
      portalId: 'acme',
      auth: { kind: 'private_app' },
    })
    expect(bad.status).toBe(400)
    expect(bad.json?.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'body.portalId' }),
        expect.objectContaining({ field: 'body.auth.token' }),
      ]),
    )
  })

  it('accepts a sync request with 202 and makes the connection due now', async () => {
    const { tenantId } = await createTenant()
    const created = await addZendeskConnection(tenantId, { schedule: { everyMinutes: 60 } })
    expect(created.status).toBe(201)
    const before = Date.now()
    const res = await admin(
      'POST',
      `/admin/tenants/${tenantId}/connections/${created.json?.id}/sync`,
    )
    expect(res.status).toBe(202)
    const nextRunAt = Date.parse((res.json?.connection as { nextRunAt: string }).nextRunAt)
    expect(nextRunAt).toBeLessThanOrEqual(Date.now() + 1)
    expect(nextRunAt).toBeGreaterThanOrEqual(before - 60_000)
  })
})

describe('routing', () => {
  it('answers an unknown route with a 404 problem', async () => {
    const res = await call('GET', '/nope')
    expect(res.status).toBe(404)
    expect(res.type).toBe('application/problem+json')
    expect(res.json).toMatchObject({ status: 404, instance: '/nope' })
  })

  it('serves /healthz without credentials', async () => {
    const res = await call('GET', '/healthz')
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ ok: true })
  })
})

describe('operations', () => {
  it('lists connections and keeps per-tenant friction settings, validated', async () => {
    const { tenantId } = await createTenant()
    const created = await addZendeskConnection(tenantId)
    const list = await admin('GET', `/admin/tenants/${tenantId}/connections`)
    expect((list.json?.connections as { id: string }[]).map((c) => c.id)).toEqual([
      created.json?.id,
    ])

    const defaults = await admin('GET', `/admin/tenants/${tenantId}/settings`)
    expect(defaults.json).toMatchObject({ friction: { npsDetractorMax: 6 } })
    const put = await admin('PUT', `/admin/tenants/${tenantId}/settings`, {
      friction: { npsDetractorMax: 5 },
    })
    expect(put.status).toBe(200)
    expect(put.json).toMatchObject({ friction: { npsDetractorMax: 5, npsDropPoints: 3 } })
    const bad = await admin('PUT', `/admin/tenants/${tenantId}/settings`, {
      friction: { npsDetractorMax: 11 },
    })
    expect(bad.status).toBe(400)
    expect(bad.json?.errors).toEqual([
      expect.objectContaining({ field: 'body.friction.npsDetractorMax' }),
    ])
  })

  it('shows a refused account’s error per stream, without its secret', async () => {
    // No outbound route for this subdomain: the interceptor answers 401 like Zendesk would.
    const { tenantId } = await createTenant()
    const created = await addZendeskConnection(tenantId)
    const id = created.json?.id as string
    // The runtime may be running the first alarm already: drive it, then wait for its record.
    let res = await admin('GET', `/admin/tenants/${tenantId}/connections/${id}`)
    for (let i = 0; i < 100 && !(res.json as unknown as ConnectionState).lastSlice; i++) {
      await runDurableObjectAlarm(tenantStub(env, tenantId))
      await scheduler.wait(10)
      res = await admin('GET', `/admin/tenants/${tenantId}/connections/${id}`)
    }
    const body = res.json as unknown as ConnectionState
    expect(body.lastSlice).not.toBeNull()
    expect(body.lastSlice?.error ?? body.streams.map((s) => s.lastError?.message).join()).toMatch(
      /401/,
    )
    expect(res.text).not.toContain('zd-secret-token-123')
  })
})
