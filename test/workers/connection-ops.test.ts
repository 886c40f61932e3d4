import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import type { QuarantinePage } from '../../apps/worker/tenant/rpc-types.ts'
import type { Tenant } from '../../apps/worker/tenant/tenant.ts'
import { addZendeskConnection, admin, createTenant, uniqueSubdomain } from './http.ts'
import { install } from './outbound.ts'

beforeAll(install)

async function connected(subdomain = uniqueSubdomain('ops')) {
  const { tenantId } = await createTenant('Ops')
  const res = await addZendeskConnection(tenantId, { subdomain })
  expect(res.status, res.text).toBe(201)
  return { tenantId, subdomain, connectionId: res.json?.id as string }
}

describe('GET /admin/tenants/:tenantId/connections/:connectionId/quarantine', () => {
  it('lists quarantined items newest first, never their raw data', async () => {
    const { tenantId, connectionId } = await connected()
    await runInDurableObject(tenantStub(env, tenantId), (instance: Tenant) => {
      for (const [stream, vendorId, reason] of [
        ['users', '7', 'body.email: invalid email'],
        ['tickets', '99', 'body.requester_id: expected number'],
      ]) {
        instance.store.writePage({
          connectionId,
          stream: stream!,
          records: [],
          quarantined: [
            { vendorId: vendorId!, reason: reason!, raw: { email: 'jane@private.example' } },
          ],
          cursor: null,
          state: { status: 'idle' },
        })
      }
    })
    const path = `/admin/tenants/${tenantId}/connections/${connectionId}/quarantine`
    const res = await admin('GET', path)
    expect(res.status, res.text).toBe(200)
    const page = res.json as unknown as QuarantinePage
    expect(page).toMatchObject({ total: 2, limit: 100, offset: 0 })
    expect(page.items.map((i) => [i.stream, i.vendorId, i.reason]).sort()).toEqual([
      ['tickets', '99', 'body.requester_id: expected number'],
      ['users', '7', 'body.email: invalid email'],
    ])
    expect(Object.keys(page.items[0]!).sort()).toEqual(['at', 'reason', 'stream', 'vendorId'])
    expect(res.text).not.toContain('private.example')
    const second = (await admin('GET', `${path}?limit=1&offset=1`))
      .json as unknown as QuarantinePage
    expect(second.total).toBe(2)
    expect(second.items).toEqual([page.items[1]])
    expect((await admin('GET', `${path}?limit=0`)).status).toBe(400)
    const missing = `/admin/tenants/${tenantId}/connections/con_00000000000000000000/quarantine`
    expect((await admin('GET', missing)).status).toBe(404)
  })
})

describe('DELETE /admin/tenants/:tenantId/connections/:connectionId', () => {
  it('removes the connection and frees its account for another tenant', async () => {
    const { tenantId, subdomain, connectionId } = await connected()
    const other = await createTenant('Other')
    expect((await addZendeskConnection(other.tenantId, { subdomain })).status).toBe(409)

    const base = `/admin/tenants/${tenantId}/connections`
    const res = await admin('DELETE', `${base}/${connectionId}`)
    expect(res.status, res.text).toBe(204)
    expect((await admin('GET', `${base}/${connectionId}`)).status).toBe(404)
    expect((await admin('GET', `${base}/${connectionId}/quarantine`)).status).toBe(404)
    expect((await admin('GET', base)).json?.connections).toEqual([])
    expect((await admin('DELETE', `${base}/${connectionId}`)).status).toBe(404)
    // No schedule is left to wake the alarm for it.
    const schedules = await runInDurableObject(tenantStub(env, tenantId), (i: Tenant) =>
      i.store.sql.all('SELECT * FROM worker_schedule'),
    )
    expect(schedules).toEqual([])
    expect((await addZendeskConnection(other.tenantId, { subdomain })).status).toBe(201)
  })

  it("keeps routing the account while the tenant's sidebar app is installed on it", async () => {
    const { tenantId, subdomain, connectionId } = await connected()
    const installed = await admin('PUT', `/admin/tenants/${tenantId}/installations/zendesk`, {
      subdomain,
      sharedSecret: 'ops-shared-secret-0123456789',
    })
    expect(installed.status).toBe(200)
    const base = `/admin/tenants/${tenantId}/connections`
    expect((await admin('DELETE', `${base}/${connectionId}`)).status).toBe(204)
    const other = await createTenant('Other')
    expect((await addZendeskConnection(other.tenantId, { subdomain })).status).toBe(409)
    // The same tenant may connect it again.
    expect((await addZendeskConnection(tenantId, { subdomain })).status).toBe(201)
  })
})
