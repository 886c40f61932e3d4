import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CustomerView, ViewTicket } from '../../core/model/index.ts'
import { ON_DEMAND_MAX } from '../../core/sync/derive.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import type { Tenant } from '../../apps/worker/tenant/tenant.ts'
import { call, createTenant, uniqueSubdomain } from './http.ts'
import { npsRecord, personRecord, ref, seed, ticketRecord } from './seed.ts'

const sub = uniqueSubdomain('views')
let t: { tenantId: string; apiKey: string }
const user = (id: string) => ref('zendesk', sub, 'user', id)
const get = (path: string) => call('GET', path, { token: t.apiKey })
const pendingCount = () =>
  runInDurableObject(tenantStub(env, t.tenantId), (instance: Tenant) =>
    instance.store.countPendingDerive(),
  )

beforeAll(async () => {
  t = await createTenant('Views for everyone')
  // Mid-backfill: the records are stored, the alarm has derived nobody yet.
  await seed(
    t.tenantId,
    { source: 'zendesk', account: sub },
    [
      personRecord(user('1'), 'nina@example.com', 'Nina'),
      ticketRecord(ref('zendesk', sub, 'ticket', '11'), user('1')),
      npsRecord(ref('zendesk', sub, 'nps', '12'), user('1'), 3),
      personRecord(user('2'), 'omar@example.com', 'Omar'),
    ],
    { derive: false },
  )
})

describe('a lookup mid-backfill', () => {
  it('derives the view of a known person instead of answering 404', async () => {
    expect(await pendingCount()).toBe(2)
    const res = await get('/v1/customers/lookup?zendesk_user_id=1')
    expect(res.status, res.text).toBe(200)
    const view = res.json as unknown as CustomerView
    expect(view.customer.emails).toEqual(['nina@example.com'])
    expect(view.tickets.total).toBe(1)
    expect(view.nps.latest?.score).toBe(3)
    // Only Nina's customer was derived; Omar waits for the alarm, found by email all the same.
    expect(await pendingCount()).toBe(1)
    const byEmail = await get('/v1/customers/lookup?email=omar@example.com')
    expect(byEmail.status, byEmail.text).toBe(200)
    expect(await pendingCount()).toBe(0)
  })

  it('still answers 404 for someone the tenant has never seen', async () => {
    const res = await get('/v1/customers/lookup?zendesk_user_id=999')
    expect(res.status).toBe(404)
  })

  it('answers 503 with Retry-After for a customer too large to derive within a request', async () => {
    const big = user('3')
    const tickets = Array.from({ length: ON_DEMAND_MAX.tickets + 1 }, (_, i) =>
      ticketRecord(ref('zendesk', sub, 'ticket', String(1000 + i)), big),
    )
    await seed(
      t.tenantId,
      { source: 'zendesk', account: sub },
      [personRecord(big, 'busy@example.com'), ...tickets],
      { derive: false },
    )
    const res = await get('/v1/customers/lookup?zendesk_user_id=3')
    expect(res.status, res.text).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  }, 30_000)
})

describe('GET /v1/customers/:id/history', () => {
  let customerId: string
  beforeAll(async () => {
    const p = user('40')
    const tickets = Array.from({ length: 45 }, (_, i) =>
      ticketRecord(ref('zendesk', sub, 'ticket', String(5000 + i)), p, {
        createdAt: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(),
      }),
    )
    await seed(t.tenantId, { source: 'zendesk', account: sub }, [
      personRecord(p, 'paged@example.com'),
      ...tickets,
    ])
    const res = await get('/v1/customers/lookup?zendesk_user_id=40')
    customerId = (res.json as unknown as CustomerView).customer.id
  }, 30_000)

  it('pages through every ticket exactly once, newest first', async () => {
    const ids: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const query: string = cursor ? `&cursor=${cursor}` : ''
      const res = await get(`/v1/customers/${customerId}/history?kind=ticket&limit=20${query}`)
      expect(res.status, res.text).toBe(200)
      const body = res.json as unknown as { items: ViewTicket[]; nextCursor: string | null }
      ids.push(...body.items.map((item) => item.ref.id))
      cursor = body.nextCursor
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(ids[0]).toBe('5044')
    expect(new Set(ids).size).toBe(45)
    expect(ids).toHaveLength(45)
  })

  it('names a bad kind, limit or cursor (400) and an unknown customer (404)', async () => {
    const base = `/v1/customers/${customerId}/history`
    for (const query of ['', '?kind=orders', '?kind=ticket&limit=0', '?kind=ticket&limit=101']) {
      const res = await get(base + query)
      expect(res.status, query).toBe(400)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
    }
    const forged = await get(`${base}?kind=ticket&cursor=${btoa('[1]')}`)
    expect(forged.status).toBe(400)
    expect(forged.json?.errors).toEqual([expect.objectContaining({ field: 'query.cursor' })])
    const unknown = await get('/v1/customers/cus_unknown/history?kind=ticket')
    expect(unknown.status).toBe(404)
  })
})
