import { beforeAll, describe, expect, it } from 'vitest'
import type { CustomerSummary } from '../../apps/worker/tenant/customer-list.ts'
import { admin, createTenant, uniqueSubdomain } from './http.ts'
import { install } from './outbound.ts'
import { npsRecord, personRecord, ref, seed, ticketRecord } from './seed.ts'

const sub = uniqueSubdomain('list')
const portal = String(300_000_000 + Math.floor(Math.random() * 1_000_000))
let tenantId: string

interface Page {
  total: number
  customers: CustomerSummary[]
}
const list = async (query = '') => {
  const res = await admin('GET', `/admin/tenants/${tenantId}/customers${query}`)
  expect(res.status, res.text).toBe(200)
  return res.json as unknown as Page
}
const namesOf = (page: Page) => page.customers.map((c) => c.displayName).sort()

beforeAll(async () => {
  install()
  tenantId = (await createTenant('Listing')).tenantId
  const xz = ref('zendesk', sub, 'user', '1')
  const y = ref('zendesk', sub, 'user', '2')
  await seed(tenantId, { source: 'zendesk', account: sub }, [
    personRecord(xz, 'xavier@x.example', 'Xavier'),
    personRecord(y, 'yann@y.example', 'Yann'),
    ticketRecord(ref('zendesk', sub, 'ticket', '10'), y),
    ticketRecord(ref('zendesk', sub, 'ticket', '11'), xz, { status: 'solved' }),
  ])
  const xh = ref('hubspot', portal, 'contact', '1')
  const z = ref('hubspot', portal, 'contact', '2')
  await seed(tenantId, { source: 'hubspot', account: portal }, [
    personRecord(xh, 'xavier@x.example', 'Xavier'),
    personRecord(z, 'zoe@z.example', 'Zoé'),
    npsRecord(ref('hubspot', portal, 'feedback_submission', '100'), xh, 2),
    npsRecord(ref('hubspot', portal, 'feedback_submission', '101'), z, 9),
  ])
})

describe('GET /admin/tenants/:tenantId/customers', () => {
  it('lists every customer with sources, latest NPS, open friction and tickets', async () => {
    const page = await list()
    expect(page.total).toBe(3)
    const byName = Object.fromEntries(page.customers.map((c) => [c.displayName, c]))
    expect(byName.Xavier).toMatchObject({
      sources: ['hubspot', 'zendesk'],
      nps: { score: 2, category: 'detractor' },
      openTickets: 0,
      totalTickets: 1,
    })
    expect(byName.Xavier!.openFriction).toBeGreaterThan(0)
    expect(byName.Xavier!.identities).toEqual(
      expect.arrayContaining([
        { source: 'zendesk', account: sub, object: 'user', id: '1' },
        { source: 'hubspot', account: portal, object: 'contact', id: '1' },
      ]),
    )
    expect(byName.Yann).toMatchObject({ sources: ['zendesk'], nps: null, openTickets: 1 })
    expect(byName['Zoé']).toMatchObject({ sources: ['hubspot'], nps: { category: 'promoter' } })
    // Paging is by customer id, stable.
    const ids = page.customers.map((c) => c.id)
    expect(ids).toEqual([...ids].sort())
    const second = await list('?limit=1&offset=1')
    expect(second.total).toBe(3)
    expect(second.customers.map((c) => c.id)).toEqual([ids[1]])
  })

  it('filters in SQL exactly as the summaries say', async () => {
    const all = (await list()).customers
    expect(namesOf(await list('?has=nps'))).toEqual(['Xavier', 'Zoé'])
    expect(namesOf(await list('?has=both_sources'))).toEqual(['Xavier'])
    const friction = await list('?has=friction')
    expect(namesOf(friction)).toEqual(
      all
        .filter((c) => c.openFriction > 0)
        .map((c) => c.displayName)
        .sort(),
    )
    expect(namesOf(friction)).toContain('Xavier')
    expect(namesOf(await list('?has=friction,nps,both_sources'))).toEqual(['Xavier'])
    expect((await list('?has=both_sources&offset=1')).customers).toEqual([])
  })

  it('names a bad filter or page', async () => {
    const bad = await admin('GET', `/admin/tenants/${tenantId}/customers?has=angry`)
    expect(bad.status).toBe(400)
    expect(bad.json?.errors).toEqual([expect.objectContaining({ field: 'query.has.0' })])
    const big = await admin('GET', `/admin/tenants/${tenantId}/customers?limit=1000`)
    expect(big.json?.errors).toEqual([expect.objectContaining({ field: 'query.limit' })])
    const unknown = await admin('GET', '/admin/tenants/t0000000000000000000a/customers')
    expect(unknown.status).toBe(404)
  })
})
