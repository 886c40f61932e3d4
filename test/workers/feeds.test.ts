import { exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { admin, createTenant } from './http.ts'
import { install } from './outbound.ts'

let t: { tenantId: string; apiKey: string }

async function post(
  path: string,
  type: string,
  body: string,
  headers: Record<string, string> = {},
) {
  const res = await exports.default.fetch(
    new Request(`https://cxlens.test${path}`, {
      method: 'POST',
      headers: { 'content-type': type, ...headers },
      body,
    }),
  )
  return { status: res.status, type: res.headers.get('content-type'), json: await res.json() }
}

async function sign(secret: string, timestamp: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign(
    'HMAC',
    key,
    new TextEncoder().encode(`${timestamp}.${body}`),
  )
  return 'v1=' + [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

beforeAll(async () => {
  install()
  t = await createTenant('Feeds')
})

describe('a saved column mapping per feed', () => {
  it('reads any CSV with the saved columns, kind, scale and date format', async () => {
    const put = await admin('PUT', `/admin/tenants/${t.tenantId}/feeds/kiosk`, {
      columns: { id: 'Ticket #', score: 'Rating', submittedAt: 'Date', email: 'Customer e-mail' },
      kind: 'csat',
      scale: { min: 1, max: 4 },
      dateFormat: 'dmy',
    })
    expect(put.status, put.text).toBe(200)
    const csv =
      'Ticket #,Rating,Date,Customer e-mail\nK-1,4,31/01/2026 14:05,a@example.com\nK-2,1,01/02/2026,b@example.com\n'
    const res = await post('/v1/responses?feed=kiosk', 'text/csv', csv, {
      authorization: `Bearer ${t.apiKey}`,
    })
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect(res.json).toMatchObject({ accepted: 2, rejected: [] })
    const missing = await post('/v1/responses?feed=kiosk', 'text/csv', 'id,score\n1,2\n', {
      authorization: `Bearer ${t.apiKey}`,
    })
    expect(missing.status).toBe(400)
    expect(missing.type).toContain('application/problem+json')
  })

  it('refuses a mapping that lacks a field, naming it', async () => {
    const res = await admin('PUT', `/admin/tenants/${t.tenantId}/feeds/kiosk`, {
      columns: { id: 'Ticket #', score: 'Rating' },
      kind: 'csat',
    })
    expect(res.status).toBe(400)
  })
})

describe('POST /hooks/feeds/:tenant/:feed (signed per feed)', () => {
  const delivery = JSON.stringify({
    id: 'push-1',
    kind: 'nps',
    score: 2,
    submittedAt: '2026-02-01T10:00:00Z',
    email: 'pushed@example.com',
  })

  it('shows the secret once and accepts a delivery it signs', async () => {
    const created = await admin('POST', `/admin/tenants/${t.tenantId}/feeds/push/secret`)
    expect(created.status, created.text).toBe(201)
    const secret = (created.json as { secret: string }).secret
    expect(secret).toMatch(/^whsec_/)
    const read = await admin('GET', `/admin/tenants/${t.tenantId}/feeds/push`)
    expect(read.text).not.toContain(secret)

    const now = String(Math.floor(Date.now() / 1000))
    const path = `/hooks/feeds/${t.tenantId}/push`
    const ok = await post(path, 'application/json', delivery, {
      'x-cxlens-timestamp': now,
      'x-cxlens-signature': await sign(secret, now, delivery),
    })
    expect(ok.status, JSON.stringify(ok.json)).toBe(200)
    expect(ok.json).toMatchObject({ feed: 'push', accepted: 1 })

    // Another secret, a changed body, an old timestamp, no signature, another tenant: all refused.
    const old = String(Math.floor(Date.now() / 1000) - 6 * 60)
    const refused = [
      { ts: now, sig: await sign('whsec_other', now, delivery), body: delivery, path },
      { ts: now, sig: await sign(secret, now, delivery), body: delivery.replace('2', '9'), path },
      { ts: old, sig: await sign(secret, old, delivery), body: delivery, path },
      {
        ts: now,
        sig: await sign(secret, now, delivery),
        body: delivery,
        path: `/hooks/feeds/${t.tenantId}/other`,
      },
      {
        ts: now,
        sig: await sign(secret, now, delivery),
        body: delivery,
        path: '/hooks/feeds/tnotatenant/push',
      },
    ]
    for (const r of refused) {
      const res = await post(r.path, 'application/json', r.body, {
        'x-cxlens-timestamp': r.ts,
        'x-cxlens-signature': r.sig,
      })
      expect(res.status).toBe(401)
      expect(res.type).toContain('application/problem+json')
    }
    expect((await post(path, 'application/json', delivery)).status).toBe(401)
  })

  it('reads a feed with a preset in the tool’s own push format', async () => {
    await admin('PUT', `/admin/tenants/${t.tenantId}/feeds/delighted`, { preset: 'delighted' })
    const secret = (
      (await admin('POST', `/admin/tenants/${t.tenantId}/feeds/delighted/secret`)).json as {
        secret: string
      }
    ).secret
    const body = JSON.stringify({
      event_type: 'survey_response.created',
      event_id: 'e1',
      event_data: {
        id: '77',
        person: { id: '1', email: 'd@example.com' },
        survey_type: 'nps',
        score: 10,
        comment: null,
        created_at: 1767225660,
        updated_at: 1767225660,
      },
    })
    const now = String(Math.floor(Date.now() / 1000))
    const res = await post(`/hooks/feeds/${t.tenantId}/delighted`, 'application/json', body, {
      'x-cxlens-timestamp': now,
      'x-cxlens-signature': await sign(secret, now, body),
    })
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect(res.json).toMatchObject({ accepted: 1 })
  })
})
