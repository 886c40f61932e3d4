import { exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { admin, call, createTenant } from './http.ts'
import { install } from './outbound.ts'
import { hubspotHeaders } from './signing.ts'

// Issue 10: bad data never stops a tenant, and every malformed request is a 4xx problem+json.
let t: { tenantId: string; apiKey: string }
const SECRET = 'hubspot-app-client-secret-malformed-01'
const portal = String(400_000_000 + Math.floor(Math.random() * 1_000_000))

async function raw(method: string, path: string, headers: Record<string, string>, body?: string) {
  const res = await exports.default.fetch(
    new Request(`https://cxlens.test${path}`, { method, headers, body }),
  )
  const text = await res.text()
  return { status: res.status, type: res.headers.get('content-type'), text }
}

const answer = (over: Record<string, unknown>) => ({
  id: `r-${crypto.randomUUID()}`,
  kind: 'nps',
  score: 8,
  submittedAt: '2026-01-05T10:00:00Z',
  email: 'marie@example.fr',
  ...over,
})
const post = (responses: unknown[]) =>
  call('POST', '/v1/responses', { token: t.apiKey, body: { responses } })
const settingsPath = () => `/admin/tenants/${t.tenantId}/settings`

beforeAll(async () => {
  install()
  t = await createTenant('Malformed')
  const created = await admin('POST', `/admin/tenants/${t.tenantId}/connections`, {
    source: 'hubspot',
    portalId: portal,
    auth: { kind: 'private_app', token: 'pat-na1-malformed-tests' },
  })
  expect(created.status, created.text).toBe(201)
  const installed = await admin('PUT', `/admin/tenants/${t.tenantId}/installations/hubspot`, {
    portalId: portal,
    clientSecret: SECRET,
  })
  expect(installed.status, installed.text).toBe(200)
})

describe('bad data never stops a tenant', () => {
  it('refuses an NPS on a ±1e308 scale, and the tenant keeps importing and taking settings', async () => {
    const huge = await post([answer({ score: 1e308, scale: { min: -1e308, max: 1e308 } })])
    expect(huge.status, huge.text).toBe(422)
    expect(huge.type).toBe('application/problem+json')
    expect(JSON.stringify(huge.json)).toContain('row.1.scale')

    const good = await post([answer({ score: 9 })])
    expect(good.status, good.text).toBe(200)
    const settings = await admin('PUT', settingsPath(), { friction: { npsDetractorMax: 5 } })
    expect(settings.status, settings.text).toBe(200)
  })

  it('refuses dates outside 2000-01-01 … now + 5 min, and an NPS of 1.5', async () => {
    const res = await post([
      answer({ submittedAt: '9999-12-31T00:00:00Z' }),
      answer({ submittedAt: '0001-01-01T00:00:00Z' }),
      answer({ submittedAt: '1970-01-01T00:00:00Z' }),
      answer({ score: 1.5 }),
      answer({ kind: 'csat', score: 3, scale: { min: 1, max: 1000 } }),
      answer({ submittedAt: '2026-01-05T10:00:00Z', updatedAt: '9999-01-01T00:00:00Z' }),
    ])
    expect(res.status, res.text).toBe(422)
    const rejected = (res.json as { rejected: { row: number; field: string }[] }).rejected
    expect(rejected.map((r) => `${r.row}:${r.field}`)).toEqual([
      '1:submittedAt',
      '2:submittedAt',
      '3:submittedAt',
      '4:score',
      '5:scale',
      '6:updatedAt',
    ])
  })
})

describe('every malformed request is a 4xx problem+json', () => {
  it('malformed JSON to /v1/responses is a 400 naming the body', async () => {
    const res = await raw(
      'POST',
      '/v1/responses',
      { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
      '{"responses": [',
    )
    expect(res.status, res.text).toBe(400)
    expect(res.type).toBe('application/problem+json')
    expect(res.text).toContain('"field":"body"')
  })

  it('PUT settings without a JSON content type is a 415 and changes nothing', async () => {
    await admin('PUT', settingsPath(), { friction: { npsDetractorMax: 4 } })
    const res = await raw(
      'PUT',
      settingsPath(),
      { authorization: 'Bearer test-admin-token-0123456789abcdef', 'content-type': 'text/plain' },
      '{"friction":{}}',
    )
    expect(res.status, res.text).toBe(415)
    expect(res.type).toBe('application/problem+json')
    const now = await admin('GET', settingsPath())
    expect((now.json as { friction: { npsDetractorMax: number } }).friction.npsDetractorMax).toBe(4)
  })

  it('malformed JSON to an admin route is a 400 problem', async () => {
    const res = await raw(
      'POST',
      '/admin/tenants',
      {
        authorization: 'Bearer test-admin-token-0123456789abcdef',
        'content-type': 'application/json',
      },
      '{"name":',
    )
    expect(res.status, res.text).toBe(400)
    expect(res.type).toBe('application/problem+json')
  })

  it('a connection baseUrl that is not a URL is a 400 naming body.baseUrl', async () => {
    for (const baseUrl of ['not a url', 'http://', 'https://[::1', 'http://exa mple.com', '']) {
      const res = await admin('POST', `/admin/tenants/${t.tenantId}/connections`, {
        source: 'zendesk',
        baseUrl,
        account: 'acme',
        auth: { kind: 'api_token', email: 'ops@acme.example', token: 'zd-token' },
      })
      expect(res.status, `${baseUrl}: ${res.text}`).toBe(400)
      expect(res.text).toContain('body.baseUrl')
    }
  })

  it('tenant names with NUL or control characters are a 400 naming body.name', async () => {
    for (const name of ['Acme\u0000', 'Ac\u0007me', 'Acme\u001b[31m', 'Acme\u007f', 'A\u2028B']) {
      const res = await admin('POST', '/admin/tenants', { name })
      expect(res.status, JSON.stringify(name)).toBe(400)
      expect(res.text).toContain('body.name')
    }
    expect((await admin('POST', '/admin/tenants', { name: 'Société Générale' })).status).toBe(201)
  })

  it('a signed HubSpot webhook with occurredAt 1e20 is not a 500', async () => {
    const body = JSON.stringify([
      {
        eventId: 1,
        subscriptionId: 2,
        portalId: Number(portal),
        occurredAt: 1e20,
        subscriptionType: 'contact.merge',
        objectId: 11,
        primaryObjectId: 11,
        mergedObjectIds: [12],
      },
    ])
    const headers = await hubspotHeaders('/webhooks/hubspot', SECRET, { method: 'POST', body })
    const res = await raw(
      'POST',
      '/webhooks/hubspot',
      { ...headers, 'content-type': 'application/json' },
      body,
    )
    expect(res.status, res.text).toBeLessThan(500)
  })
})
