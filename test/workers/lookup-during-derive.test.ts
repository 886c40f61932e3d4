import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import type { Tenant } from '../../apps/worker/tenant/tenant.ts'
import { admin, call, createTenant, uniqueSubdomain } from './http.ts'
import { personRecord, ref, seed, ticketRecord } from './seed.ts'

const sub = uniqueSubdomain('paced')
const PEOPLE = 300
let tenant: { tenantId: string; apiKey: string }

beforeAll(async () => {
  tenant = await createTenant('Paced')
  const zd = (object: string, id: string) => ref('zendesk', sub, object, id)
  await seed(
    tenant.tenantId,
    { source: 'zendesk', account: sub },
    Array.from({ length: PEOPLE }, (_, i) => [
      personRecord(zd('user', String(i + 1)), `p${i}@paced.example`),
      ticketRecord(zd('ticket', String(i + 1)), zd('user', String(i + 1))),
      ticketRecord(zd('ticket', String(i + 1001)), zd('user', String(i + 1))),
    ]).flat(),
  )
})

describe('a lookup while the alarm re-derives every view', () => {
  it('is answered between the batches of one alarm pass, with the stored view', async () => {
    const stub = tenantStub(env, tenant.tenantId)
    // A settings change: every member queued, the alarm armed.
    const put = await admin('PUT', `/admin/tenants/${tenant.tenantId}/settings`, {
      friction: { reopensMin: 3 },
    })
    expect(put.status, put.text).toBe(200)
    const queued = await runInDurableObject(stub, (i: Tenant) => i.store.countPendingDerive())
    expect(queued).toBe(PEOPLE)

    let passDone = false
    const pass = runDurableObjectAlarm(stub).then((ran) => {
      passDone = true
      return ran
    })
    // Lookups through the whole worker path (API key, directory, Durable Object), one after the
    // other while the pass runs: each is answered mid-pass, with the queue part-drained.
    const midPass: number[] = []
    for (let n = 0; n < 50 && !passDone; n++) {
      const res = await call('GET', `/v1/customers/lookup?email=p${n}@paced.example`, {
        token: tenant.apiKey,
      })
      expect(res.status, res.text).toBe(200)
      if (passDone) break
      midPass.push(await runInDurableObject(stub, (i: Tenant) => i.store.countPendingDerive()))
    }
    expect(await pass).toBe(true)
    // One pass derives the whole queue (≤ DERIVE_MAX_PEOPLE), so the lookups above came between its
    // batches, not between passes.
    expect(await runInDurableObject(stub, (i: Tenant) => i.store.countPendingDerive())).toBe(0)
    expect(midPass.length).toBeGreaterThan(0)
    expect(midPass.some((left) => left > 0 && left < PEOPLE)).toBe(true)
  })
})
