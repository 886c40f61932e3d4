import { beforeAll, describe, expect, it } from 'vitest'
import type { CustomerView } from '../../core/model/index.ts'
import { admin, call, createTenant, uniqueSubdomain } from './http.ts'
import { install } from './outbound.ts'
import { npsRecord, personRecord, ref, seed, ticketRecord } from './seed.ts'

const sub = uniqueSubdomain('view')
let tenantId: string
let apiKey: string
let customerId: string

beforeAll(async () => {
  install()
  ;({ tenantId, apiKey } = await createTenant('Customer view'))
  const user = ref('zendesk', sub, 'user', '7')
  await seed(tenantId, { source: 'zendesk', account: sub }, [
    personRecord(user, 'nina@view.example', 'Nina'),
    ticketRecord(ref('zendesk', sub, 'ticket', '70'), user),
    npsRecord(ref('zendesk', sub, 'nps', '1'), user, 2),
  ])
  const res = await admin('GET', `/admin/tenants/${tenantId}/customers`)
  customerId = (res.json as { customers: Array<{ id: string }> }).customers[0]!.id
})

describe('GET /admin/tenants/:tenantId/customers/:customerId', () => {
  it('gives an admin the same view the tenant key reads', async () => {
    const res = await admin('GET', `/admin/tenants/${tenantId}/customers/${customerId}`)
    expect(res.status, res.text).toBe(200)
    const view = res.json as unknown as CustomerView
    expect(view.customer).toMatchObject({ id: customerId, displayName: 'Nina' })
    expect(view.nps.latest).toMatchObject({ score: 2, category: 'detractor' })
    expect(view.tickets.open).toHaveLength(1)
    const byKey = await call('GET', `/v1/customers/${customerId}`, { token: apiKey })
    expect(res.json).toEqual(byKey.json)
  })

  it('needs the admin token: the tenant key is refused', async () => {
    const path = `/admin/tenants/${tenantId}/customers/${customerId}`
    expect((await call('GET', path)).status).toBe(401)
    expect((await call('GET', path, { token: apiKey })).status).toBe(401)
  })

  it('names a bad id, an unknown customer and an unknown tenant', async () => {
    const bad = await admin('GET', `/admin/tenants/${tenantId}/customers/nope`)
    expect(bad.status).toBe(400)
    expect(bad.type).toMatch(/^application\/problem\+json/)
    const unknown = await admin('GET', `/admin/tenants/${tenantId}/customers/cus_zzzz`)
    expect(unknown.status).toBe(404)
    expect(unknown.json?.detail).toBe('No customer cus_zzzz')
    const otherTenant = await admin('GET', `/admin/tenants/t00000000000000000000/customers/cus_a`)
    expect(otherTenant.status).toBe(404)
  })

  it('keeps tenants apart: another tenant\u2019s customer is not found', async () => {
    const other = await createTenant('Elsewhere')
    const res = await admin('GET', `/admin/tenants/${other.tenantId}/customers/${customerId}`)
    expect(res.status).toBe(404)
  })
})
