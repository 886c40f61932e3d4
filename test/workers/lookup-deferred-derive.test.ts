import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CustomerView, UnifiedRecord } from '../../core/model/index.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import type { Tenant } from '../../apps/worker/tenant/tenant.ts'
import { admin, call, createTenant, uniqueSubdomain } from './http.ts'
import { personRecord, ref, seed, ticketRecord } from './seed.ts'

const sub = uniqueSubdomain('deferred')
let t: { tenantId: string; apiKey: string }
const user = (id: string) => ref('zendesk', sub, 'user', id)
const ticketRef = (id: string) => ref('zendesk', sub, 'ticket', id)
const inTenant = <T>(fn: (instance: Tenant) => T) =>
  runInDurableObject(tenantStub(env, t.tenantId), fn)

/** A page of the seeded connection's backfill (it has finished no run): re-derives wait. */
const backfillPage = (records: UnifiedRecord[]) =>
  inTenant((instance) => {
    const store = instance.store
    const connection = store.listConnections().find((c) => c.account === sub)!
    expect(store.inBackfill(connection.id)).toBe(true)
    store.writePage({
      connectionId: connection.id,
      stream: 'tickets',
      records,
      quarantined: [],
      cursor: null,
      state: {},
      deferDerive: true,
    })
  })

beforeAll(async () => {
  t = await createTenant('Deferred derive')
  // The users stream of a backfill, derived: Nina and Omar have views with one ticket each.
  await seed(t.tenantId, { source: 'zendesk', account: sub }, [
    personRecord(user('1'), 'nina@example.com', 'Nina'),
    ticketRecord(ticketRef('11'), user('1')),
    personRecord(user('2'), 'omar@example.com', 'Omar'),
    ticketRecord(ticketRef('21'), user('2')),
  ])
  // Then a tickets page: both have a new ticket, their re-derive deferred to the backfill's end.
  await backfillPage([
    ticketRecord(ticketRef('12'), user('1')),
    ticketRecord(ticketRef('22'), user('2')),
  ])
})

describe('a lookup whose person waits for a deferred re-derive', () => {
  it('derives the view on demand and returns it fresh', async () => {
    expect(await inTenant((i) => i.store.countDeferredDerive())).toBe(2)
    const stored = await inTenant((i) => {
      const id = i.store.findCustomerId({ by: 'person', ref: user('1') })
      return id ? i.store.getView(id)?.tickets.total : null
    })
    expect(stored).toBe(1)
    const res = await call('GET', '/v1/customers/lookup?zendesk_user_id=1', { token: t.apiKey })
    expect(res.status, res.text).toBe(200)
    expect((res.json as unknown as CustomerView).tickets.total).toBe(2)
    // Omar still waits for the backfill's end; found by email, his view is fresh too.
    expect(await inTenant((i) => i.store.countDeferredDerive())).toBe(1)
    const byEmail = await call('GET', '/v1/customers/lookup?email=omar@example.com', {
      token: t.apiKey,
    })
    expect(byEmail.status, byEmail.text).toBe(200)
    expect((byEmail.json as unknown as CustomerView).tickets.total).toBe(2)
    expect(await inTenant((i) => i.store.countDeferredDerive())).toBe(0)
  })

  it('answers a ticket lookup with the requester’s fresh view', async () => {
    await backfillPage([ticketRecord(ticketRef('13'), user('1'))])
    const res = await call('GET', `/v1/customers/lookup?zendesk_ticket_id=13`, {
      token: t.apiKey,
    })
    expect(res.status, res.text).toBe(200)
    expect((res.json as unknown as CustomerView).tickets.total).toBe(3)
  })

  it('serves the stored view of a person a settings change queued (the alarm re-derives it)', async () => {
    const put = await admin('PUT', `/admin/tenants/${t.tenantId}/settings`, {
      friction: { reopensMin: 3 },
    })
    expect(put.status, put.text).toBe(200)
    const queued = await inTenant((i) => i.store.countPendingDerive())
    expect(queued).toBeGreaterThan(0)
    const res = await call('GET', '/v1/customers/lookup?zendesk_user_id=2', { token: t.apiKey })
    expect(res.status, res.text).toBe(200)
    expect(await inTenant((i) => i.store.countPendingDerive())).toBe(queued)
  })
})
