import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import type { Tenant } from '../../apps/worker/tenant/tenant.ts'
import { admin, call, createTenant, uniqueSubdomain } from './http.ts'
import { routeOutbound } from './outbound.ts'
import { personRecord, ref, seed } from './seed.ts'

const RECEIVER = 'https://alerts-receiver.test'

interface Received {
  tenant: string
  id: string
  timestamp: string
  signature: string
  body: string
}

/** A receiver as the docs tell one to write: check the signature, keep each alert id once. */
const deliveries: Received[] = []
const answers: number[] = []
function alertsAt(tenant: string): Map<string, Record<string, unknown>> {
  const byId = new Map<string, Record<string, unknown>>()
  for (const d of deliveries.filter((d) => d.tenant === tenant)) {
    byId.set(d.id, JSON.parse(d.body) as Record<string, unknown>)
  }
  return byId
}

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message))
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()
const alarm = (tenantId: string) => runDurableObjectAlarm(tenantStub(env, tenantId))

async function withWebhook(name: string) {
  const t = await createTenant(name)
  const res = await admin('PUT', `/admin/tenants/${t.tenantId}/alerts/rules`, {
    webhook: { url: `${RECEIVER}/${t.tenantId}` },
  })
  expect(res.status, res.text).toBe(200)
  const secret = res.json!.signingSecret as string
  expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/)
  return { ...t, secret }
}

async function postNps(apiKey: string, id: string, score: number, email: string) {
  const res = await call('POST', '/v1/responses', {
    token: apiKey,
    body: { responses: [{ id, kind: 'nps', score, submittedAt: minutesAgo(5), email }] },
  })
  expect(res.status, res.text).toBe(200)
}

const alertLog = async (tenantId: string) => {
  const res = await admin('GET', `/admin/tenants/${tenantId}/alerts`)
  expect(res.status, res.text).toBe(200)
  return res.json!.alerts as Array<{
    id: string
    rule: string
    status: string
    reason: string | null
    deliveries: Array<{ status: string; attempts: number; lastStatus: number | null }>
  }>
}

beforeAll(() => {
  routeOutbound(RECEIVER, async (request) => {
    const tenant = new URL(request.url).pathname.slice(1)
    deliveries.push({
      tenant,
      id: request.headers.get('idempotency-key') ?? '',
      timestamp: request.headers.get('x-cxlens-timestamp') ?? '',
      signature: request.headers.get('x-cxlens-signature') ?? '',
      body: await request.text(),
    })
    return new Response(null, { status: answers.shift() ?? 204 })
  })
})

describe('an NPS 3 posted to /v1/responses', () => {
  let t: Awaited<ReturnType<typeof withWebhook>>

  beforeAll(async () => {
    t = await withWebhook('Alerts import')
    const sub = uniqueSubdomain('alerts')
    await seed(t.tenantId, { source: 'zendesk', account: sub }, [
      personRecord(ref('zendesk', sub, 'user', '7'), 'lea.martin@example.fr', 'Léa Martin'),
    ])
  })

  it('raises exactly one signed alert at the receiver, and nothing more on a resend', async () => {
    await postNps(t.apiKey, 'nps-import-1', 3, 'lea.martin@example.fr')
    await alarm(t.tenantId)
    const received = deliveries.filter((d) => d.tenant === t.tenantId)
    expect(received).toHaveLength(1)
    const [d] = received
    expect(d!.signature).toBe(`sha256=${await hmacHex(t.secret, `${d!.timestamp}.${d!.body}`)}`)
    const body = JSON.parse(d!.body)
    expect(body).toMatchObject({
      id: d!.id,
      rule: 'nps_detractor',
      score: 3,
      test: false,
      customer: { name: 'Léa Martin' },
    })
    expect(body.text).toContain('Léa Martin answered NPS 3')
    // The same answer again, and more passes of the alarm: no second alert.
    await postNps(t.apiKey, 'nps-import-1', 3, 'lea.martin@example.fr')
    await alarm(t.tenantId)
    await alarm(t.tenantId)
    expect(deliveries.filter((d) => d.tenant === t.tenantId)).toHaveLength(1)
    const log = await alertLog(t.tenantId)
    expect(log.map((a) => [a.rule, a.status])).toEqual([['nps_detractor', 'delivered']])
    expect(log[0]!.deliveries).toMatchObject([
      { status: 'delivered', attempts: 1, lastStatus: 204 },
    ])
  })

  it('an NPS 8 raises nothing', async () => {
    const before = (await alertLog(t.tenantId)).length
    await postNps(t.apiKey, 'nps-import-2', 8, 'lea.martin@example.fr')
    await alarm(t.tenantId)
    expect(await alertLog(t.tenantId)).toHaveLength(before)
  })
})

describe('delivery retries', () => {
  it('a failed delivery is retried with the same alert id; the receiver keeps one alert', async () => {
    const t = await withWebhook('Alerts retry')
    // The receiver took the first POST but answered 503 (a timeout looks the same to us).
    answers.push(503)
    await postNps(t.apiKey, 'nps-retry-1', 2, 'sam.retry@example.com')
    await alarm(t.tenantId)
    let log = await alertLog(t.tenantId)
    expect(log[0]).toMatchObject({ status: 'pending' })
    expect(log[0]!.deliveries).toMatchObject([{ status: 'pending', attempts: 1, lastStatus: 503 }])
    // Before the backoff has passed, a pass sends nothing.
    await alarm(t.tenantId)
    expect(deliveries.filter((d) => d.tenant === t.tenantId)).toHaveLength(1)
    // The backoff passes.
    await runInDurableObject(tenantStub(env, t.tenantId), (instance: Tenant) => {
      instance.store.sql.run('UPDATE alert_deliveries SET next_attempt_ms = 0')
    })
    await alarm(t.tenantId)
    const received = deliveries.filter((d) => d.tenant === t.tenantId)
    expect(received).toHaveLength(2)
    expect(new Set(received.map((d) => d.id)).size).toBe(1)
    expect(alertsAt(t.tenantId).size).toBe(1)
    log = await alertLog(t.tenantId)
    expect(log[0]).toMatchObject({ status: 'delivered' })
    expect(log[0]!.deliveries).toMatchObject([{ status: 'delivered', attempts: 2 }])
  })

  it('a receiver refusing the alert (4xx) is not retried and the log says why', async () => {
    const t = await withWebhook('Alerts refused')
    answers.push(410)
    await postNps(t.apiKey, 'nps-refused-1', 1, 'ana.refused@example.com')
    await alarm(t.tenantId)
    const [entry] = await alertLog(t.tenantId)
    expect(entry).toMatchObject({ status: 'failed', reason: 'HTTP 410' })
  })
})

describe('alert configuration', () => {
  it('refuses a plain-http or loopback webhook in production, and never shows the secret again', async () => {
    const t = await createTenant('Alerts config')
    const path = `/admin/tenants/${t.tenantId}/alerts/rules`
    for (const url of ['http://hooks.example.com/x', 'https://127.0.0.1/x', 'https://10.0.0.8/x']) {
      const res = await admin('PUT', path, { webhook: { url } })
      expect(res.status, url).toBe(400)
      expect(res.type).toContain('application/problem+json')
    }
    const put = await admin('PUT', path, {
      webhook: { url: 'https://hooks.example.com/x' },
      rules: { npsDetractor: { maxScore: 4 }, npsDrop: { enabled: false } },
    })
    expect(put.status, put.text).toBe(200)
    const got = await admin('GET', path)
    expect(got.text).not.toContain(put.json!.signingSecret as string)
    expect(got.json).toMatchObject({
      rules: { npsDetractor: { enabled: true, maxScore: 4 }, npsDrop: { enabled: false } },
      destinations: [{ id: 'webhook', url: 'https://hooks.example.com/x', enabled: true }],
    })
  })

  it('a test alert goes through the real delivery path', async () => {
    const t = await withWebhook('Alerts test')
    const res = await admin('POST', `/admin/tenants/${t.tenantId}/alerts/test`)
    expect(res.status, res.text).toBe(202)
    await alarm(t.tenantId)
    const received = [...alertsAt(t.tenantId).values()]
    expect(received).toMatchObject([{ id: res.json!.id, test: true }])
  })
})
