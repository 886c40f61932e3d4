import { runDurableObjectAlarm } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { zendeskOAuth } from '../../connectors/zendesk/index.ts'
import { createZendeskSandbox } from '../../connectors/zendesk/sandbox/app.ts'
import { DEFAULT_ZENDESK_CLIENT } from '../../connectors/zendesk/sandbox/oauth.ts'
import { accountKey, Directory } from '../../apps/worker/directory/directory.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import { admin, call, createTenant } from './http.ts'
import { dataRows, inObject, writeUnder } from './lifecycle-helpers.ts'
import { routeOutbound } from './outbound.ts'
import { personRecord, ref, ticketRecord } from './seed.ts'

const ZENDESK = 'https://lifecycle-zd.test'
const ACCOUNT = 'lifecycle-zd'
const DAY = 86_400_000

let sandbox: ReturnType<typeof createZendeskSandbox>
const sandboxFetch = ((input: RequestInfo | URL, init?: RequestInit) =>
  sandbox.app.request(String(input), init)) as typeof fetch
let unroute: () => void

/** An OAuth grant through the sandbox's authorize and token endpoints, as an install makes one. */
async function zendeskGrant() {
  const client = {
    clientId: DEFAULT_ZENDESK_CLIENT.clientId,
    clientSecret: DEFAULT_ZENDESK_CLIENT.clientSecret,
  }
  const redirectUri = DEFAULT_ZENDESK_CLIENT.redirectUris[0]!
  const url = zendeskOAuth.authorizeUrl({
    baseUrl: ZENDESK,
    clientId: client.clientId,
    redirectUri,
    scopes: ['read'],
    state: 's',
  })
  const code = (await sandbox.oauth.approve(url)).searchParams.get('code')!
  return zendeskOAuth.exchangeCode({
    fetch: sandboxFetch,
    baseUrl: ZENDESK,
    client,
    code,
    redirectUri,
  })
}

async function connectZendesk(tenantId: string, accessToken: string, account: string) {
  const res = await admin('POST', `/admin/tenants/${tenantId}/connections`, {
    source: 'zendesk',
    baseUrl: ZENDESK,
    account,
    auth: { kind: 'oauth', accessToken },
  })
  expect(res.status).toBe(201)
  return (res.json as { id: string }).id
}

const directory = () => new Directory(env.DIRECTORY)
const janeOf = (account: string) => ref('zendesk', account, 'user', '9000000777')

beforeAll(() => {
  // Created in a hook: workerd's clock reads 0 while a module loads.
  sandbox = createZendeskSandbox({
    seed: 5,
    users: 20,
    tickets: 10,
    years: 1,
    subdomain: ACCOUNT,
    now: Date.now(),
  })
  unroute = routeOutbound(ZENDESK, (request) => sandbox.app.fetch(request))
})
afterAll(() => unroute())

describe('uninstall, then retention', () => {
  it('revokes the grant, stops the schedule, unroutes the account, and purges after retention', async () => {
    const tokens = await zendeskGrant()
    const { tenantId } = await createTenant('Uninstall')
    const account = `${ACCOUNT}-1`
    const jane = janeOf(account)
    const connectionId = await connectZendesk(tenantId, tokens.accessToken, account)
    expect(await directory().tenantForAccount(accountKey('zendesk', account))).toBe(tenantId)
    await writeUnder(tenantId, connectionId, [
      personRecord(jane, 'jane.lifecycle@example.com', 'Jane Lifecycle'),
      ticketRecord(ref('zendesk', account, 'ticket', '41'), jane),
    ])

    const before = Date.now()
    const res = await admin(
      'POST',
      `/admin/tenants/${tenantId}/connections/${connectionId}/uninstall`,
    )
    expect(res.status).toBe(200)
    const body = res.json as {
      revoke: string
      alreadyUninstalled: boolean
      purged: unknown
      lifecycle: { state: string; purgeAfter: string }
    }
    expect(body.revoke).toBe('revoked')
    expect(body.alreadyUninstalled).toBe(false)
    expect(body.purged).toBeNull()
    expect(body.lifecycle.state).toBe('uninstalled')
    const purgeAfter = Date.parse(body.lifecycle.purgeAfter)
    expect(purgeAfter).toBeGreaterThanOrEqual(before + 30 * DAY)
    expect(purgeAfter).toBeLessThan(Date.now() + 30 * DAY + 1000)

    // The sandbox now refuses the token, as Zendesk does after DELETE /api/v2/oauth/tokens/{id}.
    await expect(
      zendeskOAuth.currentToken({
        fetch: sandboxFetch,
        baseUrl: ZENDESK,
        accessToken: tokens.accessToken,
      }),
    ).rejects.toMatchObject({ code: 'invalid_grant' })
    expect(await directory().tenantForAccount(accountKey('zendesk', account))).toBeNull()

    // The state shows it; the schedule is gone; the alarm now waits for the purge, and runs nothing.
    const state = await admin('GET', `/admin/tenants/${tenantId}/connections/${connectionId}`)
    expect((state.json as { lifecycle: { state: string } }).lifecycle.state).toBe('uninstalled')
    const synced = await inObject(tenantId, (instance) => {
      const sql = instance.store.sql
      expect(sql.all('SELECT * FROM worker_schedule')).toEqual([])
      expect(instance.store.getConnection(connectionId)?.credentials).toBeNull()
      return {
        states: instance.store.streamStates(connectionId),
        runs: instance.store.listRuns(connectionId),
      }
    })
    await runDurableObjectAlarm(tenantStub(env, tenantId))
    await inObject(tenantId, async (instance, state) => {
      // The alarm ran and synced nothing of it: no stream moved, no run opened.
      expect(instance.store.streamStates(connectionId)).toEqual(synced.states)
      expect(instance.store.listRuns(connectionId)).toEqual(synced.runs)
      // Retention not passed: the records are still there; the alarm comes back for the purge.
      expect(instance.store.countRecords('person')).toBe(1)
      expect(await state.storage.getAlarm()).toBe(purgeAfter)
    })

    // Idempotent: a second uninstall changes nothing and revokes nothing.
    const again = await admin(
      'POST',
      `/admin/tenants/${tenantId}/connections/${connectionId}/uninstall`,
    )
    expect(again.status).toBe(200)
    expect(again.json).toMatchObject({ alreadyUninstalled: true, revoke: 'not_oauth' })
    expect((again.json as typeof body).lifecycle.purgeAfter).toBe(body.lifecycle.purgeAfter)

    // Retention passes (the clock moved): the alarm purges the whole tenant, its only tool gone.
    await inObject(tenantId, async (instance, state) => {
      instance.store.sql.run(
        'UPDATE worker_connection_lifecycle SET purge_after_ms = ?',
        Date.now() - 1,
      )
      await state.storage.setAlarm(Date.now())
    })
    await runDurableObjectAlarm(tenantStub(env, tenantId))
    await inObject(tenantId, async (instance, state) => {
      expect(dataRows(instance.store.sql)).toBe(0)
      expect(await state.storage.getAlarm()).toBeNull()
    })
    expect(await directory().getTenant(tenantId)).toBeNull()
    expect((await admin('GET', `/admin/tenants/${tenantId}/connections`)).status).toBe(404)
  })

  it('purge=now takes the connection’s records at once and keeps the tenant', async () => {
    const tokens = await zendeskGrant()
    const { tenantId } = await createTenant('Uninstall now')
    const account = `${ACCOUNT}-2`
    const jane = janeOf(account)
    const connectionId = await connectZendesk(tenantId, tokens.accessToken, account)
    await writeUnder(tenantId, connectionId, [
      personRecord(jane, 'jane.now@example.com', 'Jane Now'),
    ])
    const res = await admin(
      'POST',
      `/admin/tenants/${tenantId}/connections/${connectionId}/uninstall?purge=now`,
    )
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ revoke: 'revoked', purged: { records: 1, people: 1 } })
    await inObject(tenantId, (instance) => {
      expect(instance.store.countRecords()).toBe(0)
      expect(instance.store.listCustomers().total).toBe(0)
      expect(instance.store.getConnection(connectionId)).toBeNull()
    })
    expect(await directory().getTenant(tenantId)).not.toBeNull()
    const gone = await admin(
      'GET',
      `/admin/tenants/${tenantId}/connections/${connectionId}/lifecycle`,
    )
    expect(gone.status).toBe(404)
  })

  it('answers 404 for an unknown connection, 400 for a bad purge value, 401 without the token', async () => {
    const { tenantId } = await createTenant('Uninstall errors')
    const path = `/admin/tenants/${tenantId}/connections/con_${'a'.repeat(20)}/uninstall`
    expect((await admin('POST', path)).status).toBe(404)
    const bad = await admin('POST', `${path}?purge=later`)
    expect(bad.status).toBe(400)
    expect(bad.type).toContain('application/problem+json')
    expect((await call('POST', path)).status).toBe(401)
    expect((await call('POST', path, { token: 'not-the-admin-token' })).status).toBe(401)
  })
})
