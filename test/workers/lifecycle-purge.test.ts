import { runDurableObjectAlarm } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { accountKey, Directory } from '../../apps/worker/directory/directory.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import { addZendeskConnection, admin, call, createTenant } from './http.ts'
import { dataRows, inObject, rowsWith, writeUnder } from './lifecycle-helpers.ts'
import { install } from './outbound.ts'
import { personRecord, ref, ticketRecord } from './seed.ts'

// The connections' syncs reach no vendor: every outbound call answers 401 here.
beforeAll(() => install())

const directory = () => new Directory(env.DIRECTORY)

/** A tenant with a Zendesk connection (API token: nothing to revoke) and a HubSpot one. */
async function twoTools(name: string) {
  const { tenantId } = await createTenant(name)
  const zd = await addZendeskConnection(tenantId)
  expect(zd.status).toBe(201)
  const zendesk = zd.json as { id: string; account: string }
  const portalId = String(1_000_000 + Math.floor(Math.random() * 8_000_000))
  const hs = await admin('POST', `/admin/tenants/${tenantId}/connections`, {
    source: 'hubspot',
    portalId,
    baseUrl: 'https://hubspot-purge.test',
    auth: { kind: 'private_app', token: 'hs-private-app-token-purge' },
  })
  expect(hs.status).toBe(201)
  const hubspot = hs.json as { id: string; account: string }
  const zdRef = ref('zendesk', zendesk.account, 'user', '9000000321')
  const hsRef = ref('hubspot', hubspot.account, 'contact', '70000000321')
  await writeUnder(tenantId, zendesk.id, [
    personRecord(zdRef, 'max.both@example.com', 'Max Both'),
    ticketRecord(ref('zendesk', zendesk.account, 'ticket', '51'), zdRef),
  ])
  await writeUnder(tenantId, hubspot.id, [personRecord(hsRef, 'max.both@example.com', 'Max Both')])
  return { tenantId, zendesk, hubspot, zdRef, hsRef }
}

describe('purging a tenant at once', () => {
  it('deletes every row of its object and its directory entries; idempotent', async () => {
    const { tenantId, zendesk, hubspot } = await twoTools('Purge now')
    expect(await directory().tenantForAccount(accountKey('zendesk', zendesk.account))).toBe(
      tenantId,
    )

    expect((await admin('DELETE', `/admin/tenants/${tenantId}`)).status).toBe(400)
    expect((await call('DELETE', `/admin/tenants/${tenantId}?purge=now`)).status).toBe(401)
    const res = await admin('DELETE', `/admin/tenants/${tenantId}?purge=now`)
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ tenantId, purged: true, connections: 2, revoked: 0 })

    await inObject(tenantId, async (instance, state) => {
      expect(dataRows(instance.store.sql)).toBe(0)
      expect(rowsWith(instance.store.sql, ['max.both@example.com', 'Max Both'])).toEqual([])
      expect(await state.storage.getAlarm()).toBeNull()
    })
    expect(await directory().getTenant(tenantId)).toBeNull()
    expect(await directory().accountsOf(tenantId)).toEqual([])
    expect(await directory().tenantForAccount(accountKey('hubspot', hubspot.account))).toBeNull()
    expect((await admin('GET', `/admin/tenants/${tenantId}/status`)).status).toBe(404)

    const again = await admin('POST', `/admin/tenants/${tenantId}/purge`)
    expect(again.status).toBe(200)
    expect(again.json).toEqual({ tenantId, purged: false, connections: 0, revoked: 0 })
  })
})

describe('retention with one of two tools uninstalled', () => {
  it('purges that tool’s records only; the other tool’s customer and routes stay', async () => {
    const { tenantId, zendesk, hubspot, zdRef, hsRef } = await twoTools('One tool left')
    const uninstall = await admin(
      'POST',
      `/admin/tenants/${tenantId}/connections/${hubspot.id}/uninstall`,
    )
    expect(uninstall.status).toBe(200)
    expect(uninstall.json).toMatchObject({ revoke: 'not_oauth', purged: null })
    expect(await directory().tenantForAccount(accountKey('hubspot', hubspot.account))).toBeNull()

    await inObject(tenantId, async (instance, state) => {
      instance.store.sql.run(
        'UPDATE worker_connection_lifecycle SET purge_after_ms = ? WHERE connection_id = ?',
        Date.now() - 1,
        hubspot.id,
      )
      await state.storage.setAlarm(Date.now())
    })
    await runDurableObjectAlarm(tenantStub(env, tenantId))

    await inObject(tenantId, (instance) => {
      const { store } = instance
      expect(store.getRecord(hsRef)).toBeNull()
      expect(store.getRecord(zdRef)).not.toBeNull()
      expect(store.getConnection(hubspot.id)).toBeNull()
      expect(store.getConnection(zendesk.id)).not.toBeNull()
      const customerId = store.findCustomerId({ by: 'person', ref: zdRef })!
      const sources = store.getCustomer(customerId)!.identities.map((i) => i.source)
      expect(sources).toEqual(['zendesk'])
      expect(rowsWith(store.sql, ['70000000321'])).toEqual([])
    })
    expect(await directory().getTenant(tenantId)).not.toBeNull()
    expect(await directory().tenantForAccount(accountKey('zendesk', zendesk.account))).toBe(
      tenantId,
    )
  })
})

describe('retention setting', () => {
  it('defaults to 30 days, takes 0–3650, and dates new uninstalls by it', async () => {
    const { tenantId } = await createTenant('Retention')
    const path = `/admin/tenants/${tenantId}/retention`
    expect((await admin('GET', path)).json).toEqual({ retentionDays: 30 })
    expect((await admin('PUT', path, { retentionDays: -1 })).status).toBe(400)
    expect((await admin('PUT', path, { retentionDays: 7 })).json).toEqual({ retentionDays: 7 })
    expect((await call('GET', path)).status).toBe(401)
    const zd = (await addZendeskConnection(tenantId)).json as { id: string }
    const before = Date.now()
    const res = await admin('POST', `/admin/tenants/${tenantId}/connections/${zd.id}/uninstall`)
    const purgeAfter = Date.parse(
      (res.json as { lifecycle: { purgeAfter: string } }).lifecycle.purgeAfter,
    )
    expect(purgeAfter - before).toBeGreaterThanOrEqual(7 * 86_400_000)
    expect(purgeAfter - before).toBeLessThan(7 * 86_400_000 + 5_000)
  })
})
