import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CustomerView } from '../../core/model/index.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import { derivePendingSlice } from '../../core/sync/derive.ts'
import type { Tenant } from '../../apps/worker/tenant/tenant.ts'
import { admin, call, createTenant, uniqueSubdomain } from './http.ts'
import { install } from './outbound.ts'
import { npsRecord, personRecord, ref, seed, ticketRecord } from './seed.ts'

const sub = uniqueSubdomain('settings')
const zd = (object: string, id: string) => ref('zendesk', sub, object, id)
let tenant: { tenantId: string; apiKey: string }

const viewOf = async (email: string) => {
  const res = await call('GET', `/v1/customers/lookup?email=${email}`, { token: tenant.apiKey })
  expect(res.status, res.text).toBe(200)
  return res.json as unknown as CustomerView
}
const openKinds = (view: CustomerView) => view.friction.filter((f) => f.open).map((f) => f.kind)

beforeAll(async () => {
  install()
  tenant = await createTenant('Settings')
  // The seed's connection has no schedule: no sync is ever due in this tenant.
  await seed(tenant.tenantId, { source: 'zendesk', account: sub }, [
    personRecord(zd('user', '1'), 'ana@a.example', 'Ana'),
    npsRecord(zd('survey_response', '10'), zd('user', '1'), 5),
    personRecord(zd('user', '2'), 'bruno@b.example', 'Bruno'),
    ticketRecord(zd('ticket', '20'), zd('user', '2'), {
      firstReplyMinutes: 300,
      replies: 1,
      tags: [],
      requesterUpdatedAt: new Date().toISOString(),
    }),
  ])
})

describe('PUT /admin/tenants/:tenantId/settings', () => {
  it('re-derives every view with the new thresholds in the alarm, no sync due', async () => {
    expect(openKinds(await viewOf('ana@a.example'))).toContain('nps_detractor')
    expect(openKinds(await viewOf('bruno@b.example'))).not.toContain('slow_first_reply')

    const put = await admin('PUT', `/admin/tenants/${tenant.tenantId}/settings`, {
      friction: { npsDetractorMax: 4, slowFirstReplyMinutes: 120 },
    })
    expect(put.status, put.text).toBe(200)
    expect(put.json).toMatchObject({ friction: { npsDetractorMax: 4, slowFirstReplyMinutes: 120 } })
    const stub = tenantStub(env, tenant.tenantId)
    // Queued and armed; the views change when the alarm runs.
    const armed = await runInDurableObject(stub, async (instance: Tenant, state) => ({
      queued: instance.store.countPendingDerive(),
      alarm: await state.storage.getAlarm(),
    }))
    expect(armed.queued).toBe(2)
    expect(armed.alarm).not.toBeNull()

    expect(await runDurableObjectAlarm(stub)).toBe(true)
    const ana = await viewOf('ana@a.example')
    expect(openKinds(ana)).not.toContain('nps_detractor')
    expect(ana.nps.latest?.score).toBe(5)
    expect(openKinds(await viewOf('bruno@b.example'))).toContain('slow_first_reply')
    expect(await runInDurableObject(stub, (i: Tenant) => i.store.countPendingDerive())).toBe(0)

    // And back: the defaults bring the detractor back.
    await admin('PUT', `/admin/tenants/${tenant.tenantId}/settings`, {})
    await runDurableObjectAlarm(stub)
    expect(openKinds(await viewOf('ana@a.example'))).toContain('nps_detractor')
    expect(openKinds(await viewOf('bruno@b.example'))).not.toContain('slow_first_reply')
  })

  it('drains a long queue over bounded passes', async () => {
    const { tenantId } = await createTenant('Many')
    const many = uniqueSubdomain('many')
    await seed(
      tenantId,
      { source: 'zendesk', account: many },
      Array.from({ length: 5 }, (_, i) =>
        personRecord(ref('zendesk', many, 'user', String(i + 1)), `p${i}@many.example`),
      ),
    )
    const passes = await runInDurableObject(tenantStub(env, tenantId), (instance: Tenant) => {
      expect(instance.store.queueRederiveAll()).toBe(5)
      const remaining: number[] = []
      for (let i = 0; i < 5; i++) {
        const slice = derivePendingSlice(instance.store, { now: Date.now(), maxPeople: 2 })
        remaining.push(slice.remaining)
        if (slice.remaining === 0) break
      }
      return remaining
    })
    expect(passes).toEqual([3, 1, 0])
  })
})
