import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { onError } from '../problem.ts'
import type { AppEnv } from '../app-env.ts'
import { hubspotSignature, type HubSpotSignatureOptions } from './hubspot-signature.ts'

const SECRET = 'hubspot-client-secret-for-tests'
const NOW = Date.parse('2026-11-25T12:00:00.000Z')
const BASE = 'https://api.cxlens.test/v1/customers/lookup'

/**
 * The documented recipe, written again here (not the middleware's helper): base64 of
 * HMAC-SHA256(client secret, method + URI + body + timestamp), URI with HubSpot's escapes decoded.
 */
async function sign(input: {
  method: string
  uri: string
  body?: string
  timestamp: number
  secret?: string
}): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(input.secret ?? SECRET),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const uri = input.uri
    .replaceAll('%3A', ':')
    .replaceAll('%2F', '/')
    .replaceAll('%3F', '?')
    .replaceAll('%40', '@')
    .replaceAll('%21', '!')
    .replaceAll('%24', '$')
    .replaceAll('%27', "'")
    .replaceAll('%28', '(')
    .replaceAll('%29', ')')
    .replaceAll('%2A', '*')
    .replaceAll('%2C', ',')
    .replaceAll('%3B', ';')
  const message = `${input.method}${uri}${input.body ?? ''}${input.timestamp}`
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message))
  return btoa(String.fromCharCode(...new Uint8Array(mac)))
}

function setup(overrides: Partial<HubSpotSignatureOptions> = {}) {
  const seen: Array<{ tenant: unknown; portal: unknown; body: unknown; text: string }> = []
  const app = new Hono<AppEnv>()
  app.onError(onError)
  app.use(
    '/v1/*',
    hubspotSignature({
      resolveTenant: (portalId) =>
        portalId === '123456' ? { tenantId: 'ten_acme', clientSecret: SECRET } : null,
      now: () => NOW,
      ...overrides,
    }),
  )
  const handler = async (c: import('hono').Context<AppEnv>) => {
    const text = c.req.method === 'POST' ? await c.req.text() : ''
    const body = c.req.method === 'POST' ? await c.req.json() : null
    seen.push({
      tenant: c.get('tenant') ?? null,
      portal: c.req.query('portalId') ?? null,
      body,
      text,
    })
    return c.json({ ok: true })
  }
  app.get('/v1/customers/lookup', handler)
  app.post('/v1/customers/lookup', handler)
  return { app, seen }
}

async function signedGet(url: string, timestamp = NOW, signedUrl = url, secret?: string) {
  const signature = await sign({ method: 'GET', uri: signedUrl, timestamp, secret })
  return {
    headers: {
      'X-HubSpot-Signature-v3': signature,
      'X-HubSpot-Request-Timestamp': String(timestamp),
    },
  }
}

async function expectRejected(res: Response, seen: unknown[]) {
  expect(res.status).toBe(401)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  const problem = (await res.json()) as { status: number; title: string; detail: string }
  expect(problem.status).toBe(401)
  expect(problem.detail).toBeTruthy()
  expect(seen).toHaveLength(0)
  return problem
}

const lookupUrl = `${BASE}?hubspot_contact_id=901&userId=77&userEmail=agent%40acme.test&appId=42&portalId=123456`

describe('hubspotSignature', () => {
  it('passes a valid signed GET and binds the portal to its tenant', async () => {
    const { app, seen } = setup()
    const res = await app.request(lookupUrl, await signedGet(lookupUrl))
    expect(res.status).toBe(200)
    expect(seen).toEqual([
      {
        tenant: { tenantId: 'ten_acme', via: 'hubspot_signature' },
        portal: '123456',
        body: null,
        text: '',
      },
    ])
  })

  it('passes a valid signed POST and leaves the body readable as text and JSON', async () => {
    const { app, seen } = setup()
    const url = `${BASE}?portalId=123456`
    const body = JSON.stringify({ hubspot_ticket_id: '55', note: 'café ✓' })
    const signature = await sign({ method: 'POST', uri: url, body, timestamp: NOW })
    const res = await app.request(url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'X-HubSpot-Signature-v3': signature,
        'X-HubSpot-Request-Timestamp': String(NOW),
      },
    })
    expect(res.status).toBe(200)
    expect(seen[0]?.text).toBe(body)
    expect(seen[0]?.body).toEqual({ hubspot_ticket_id: '55', note: 'café ✓' })
  })

  it('decodes the escapes HubSpot decodes before signing (%40 in userEmail, %3A, %2C)', async () => {
    const { app, seen } = setup()
    const url = `${BASE}?q=a%3Ab%2Cc&portalId=123456&userEmail=agent%40acme.test`
    const res = await app.request(url, await signedGet(url))
    expect(res.status).toBe(200)
    expect(seen).toHaveLength(1)
  })

  it('rejects a signature computed over the still-encoded URI', async () => {
    const { app, seen } = setup()
    const url = `${BASE}?userEmail=agent%40acme.test&portalId=123456`
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(SECRET),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    )
    const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`GET${url}${NOW}`))
    const res = await app.request(url, {
      headers: {
        'X-HubSpot-Signature-v3': btoa(String.fromCharCode(...new Uint8Array(mac))),
        'X-HubSpot-Request-Timestamp': String(NOW),
      },
    })
    await expectRejected(res, seen)
  })

  it('rejects a signature made with another secret', async () => {
    const { app, seen } = setup()
    const res = await app.request(lookupUrl, await signedGet(lookupUrl, NOW, lookupUrl, 'other'))
    await expectRejected(res, seen)
  })

  it('rejects a timestamp older than five minutes, even when correctly signed', async () => {
    const { app, seen } = setup()
    const stale = NOW - 5 * 60_000 - 1
    const res = await app.request(lookupUrl, await signedGet(lookupUrl, stale))
    const problem = await expectRejected(res, seen)
    expect(problem.detail).toMatch(/Timestamp/i)
  })

  it('accepts a timestamp just inside five minutes', async () => {
    const { app, seen } = setup()
    const res = await app.request(lookupUrl, await signedGet(lookupUrl, NOW - 5 * 60_000 + 1000))
    expect(res.status).toBe(200)
    expect(seen).toHaveLength(1)
  })

  it('rejects a timestamp in the future beyond the allowed skew', async () => {
    const { app, seen } = setup()
    const res = await app.request(lookupUrl, await signedGet(lookupUrl, NOW + 60_000))
    await expectRejected(res, seen)
  })

  it('rejects an altered body', async () => {
    const { app, seen } = setup()
    const url = `${BASE}?portalId=123456`
    const signature = await sign({ method: 'POST', uri: url, body: '{"a":1}', timestamp: NOW })
    const res = await app.request(url, {
      method: 'POST',
      body: '{"a":2}',
      headers: {
        'content-type': 'application/json',
        'X-HubSpot-Signature-v3': signature,
        'X-HubSpot-Request-Timestamp': String(NOW),
      },
    })
    await expectRejected(res, seen)
  })

  it('rejects an altered query string', async () => {
    const { app, seen } = setup()
    const tampered = lookupUrl.replace('hubspot_contact_id=901', 'hubspot_contact_id=902')
    const res = await app.request(tampered, await signedGet(lookupUrl))
    await expectRejected(res, seen)
  })

  it('rejects an altered method', async () => {
    const { app, seen } = setup()
    const res = await app.request(lookupUrl, { method: 'POST', ...(await signedGet(lookupUrl)) })
    await expectRejected(res, seen)
  })

  it('rejects a timestamp header changed after signing', async () => {
    const { app, seen } = setup()
    const init = await signedGet(lookupUrl)
    init.headers['X-HubSpot-Request-Timestamp'] = String(NOW - 1000)
    await expectRejected(await app.request(lookupUrl, init), seen)
  })

  it('rejects an unknown portal and a missing portalId', async () => {
    const { app, seen } = setup()
    const unknown = lookupUrl.replace('portalId=123456', 'portalId=999')
    await expectRejected(await app.request(unknown, await signedGet(unknown)), seen)
    const none = `${BASE}?hubspot_contact_id=901`
    await expectRejected(await app.request(none, await signedGet(none)), seen)
  })

  it('rejects missing headers and a signature that is not base64', async () => {
    const { app, seen } = setup()
    await expectRejected(await app.request(lookupUrl), seen)
    const noTimestamp = await signedGet(lookupUrl)
    const res = await app.request(lookupUrl, {
      headers: { 'X-HubSpot-Signature-v3': noTimestamp.headers['X-HubSpot-Signature-v3'] },
    })
    await expectRejected(res, seen)
    const garbage = await app.request(lookupUrl, {
      headers: { 'X-HubSpot-Signature-v3': '%%%', 'X-HubSpot-Request-Timestamp': String(NOW) },
    })
    await expectRejected(garbage, seen)
  })

  it('lets an unsigned request through untouched when told to (another credential may bind it)', async () => {
    const { app, seen } = setup({ whenUnsigned: 'next' })
    const res = await app.request(lookupUrl)
    expect(res.status).toBe(200)
    expect(seen).toEqual([{ tenant: null, portal: '123456', body: null, text: '' }])
  })

  it('checks against the public origin HubSpot signed when a tunnel changed it', async () => {
    const { app, seen } = setup({ publicOrigin: 'https://cxlens.example/' })
    const local = lookupUrl.replace('https://api.cxlens.test', 'http://127.0.0.1:8787')
    const signedFor = lookupUrl.replace('https://api.cxlens.test', 'https://cxlens.example')
    const res = await app.request(local, await signedGet(local, NOW, signedFor))
    expect(res.status).toBe(200)
    expect(seen).toHaveLength(1)
  })
})
