import { runDurableObjectAlarm } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { expect, it } from 'vitest'
import { Directory } from '../../apps/worker/directory/directory.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import { createHubSpotSandbox, type HubSpotSandbox } from '../../connectors/hubspot/sandbox/app.ts'
import { createdTasks } from '../../connectors/hubspot/sandbox/tasks.ts'
import { admin, call } from './http.ts'
import { inObject } from './lifecycle-helpers.ts'
import { routeOutbound } from './outbound.ts'
import { syncToCompletion } from './sync-helpers.ts'

const ORIGIN = 'https://cxlens.test'
const HUBSPOT = 'http://hubspot-oauth.sandbox.test'
const PORTAL = '7700031'
const SCOPES = ['oauth', 'crm.objects.contacts.read', 'crm.objects.companies.read', 'tickets']

type Delivery = { destination: string; status: string; attempts: number; lastError: string | null }
type LoggedAlert = { id: string; status: string; deliveries: Delivery[] }

/** The install flow as an admin clicks through it: /install/hubspot, HubSpot's consent, callback. */
async function installHubSpot(hubspot: HubSpotSandbox) {
  const start = await exports.default.fetch(
    new Request(`${ORIGIN}/install/hubspot`, { redirect: 'manual' }),
  )
  const back = await hubspot.oauth.approve(start.headers.get('location')!)
  const callback = await exports.default.fetch(new Request(back, { redirect: 'manual' }))
  expect(callback.status).toBe(303)
  return (await new Directory(env.DIRECTORY).tenantForAccount(`hubspot:${PORTAL}`))!
}

// HubSpot access tokens live 30 minutes (docs: "OAuth › access token expires_in 1800"). HubSpot's
// clock runs apart from the worker's, so the token dies while the session still trusts it: the
// task call's 401 is what must lead to the refresh.
it('a HubSpot task alert refreshes an expired token through the grant, and waits out a dead grant', async () => {
  let clock = Date.now()
  const hubspot = createHubSpotSandbox({
    seed: 31,
    hubspotOnly: 6,
    companies: 1,
    asOf: clock - 10 * 60_000,
    portalId: PORTAL,
    searchLagMs: 0,
    now: () => clock,
    oauth: {
      clients: [
        {
          clientId: env.HUBSPOT_CLIENT_ID!,
          clientSecret: env.HUBSPOT_CLIENT_SECRET!,
          redirectUris: [`${ORIGIN}/oauth/hubspot/callback`],
          requiredScopes: SCOPES,
          allowedScopes: [...SCOPES, 'crm.objects.feedback_submissions.read'],
        },
      ],
    },
  })
  let refreshes = 0
  routeOutbound(HUBSPOT, async (request) => {
    if (request.url.endsWith('/oauth/2026-03/token')) {
      if ((await request.clone().text()).includes('grant_type=refresh_token')) refreshes++
    }
    return hubspot.app.fetch(request)
  })
  const tenantId = await installHubSpot(hubspot)
  const stub = tenantStub(env, tenantId)
  const [connection] = await stub.listConnections()
  await syncToCompletion(tenantId, connection!.id)
  const put = await admin('PUT', `/admin/tenants/${tenantId}/alerts/rules`, {
    hubspotTask: { enabled: true },
  })
  expect(put.status, put.text).toBe(200)
  const { apiKey } = (await admin('POST', `/admin/tenants/${tenantId}/api-key/rotate`, {}))
    .json as { apiKey: string }
  const truth = hubspot.groundTruth()
  const contacts = [...truth.personOfContact].slice(0, 2)
  const emailOf = (personKey: string) => truth.people.find((p) => p.key === personKey)!.email
  const detractor = async (id: string, personKey: string) => {
    const res = await call('POST', '/v1/responses', {
      token: apiKey,
      body: {
        responses: [
          {
            id,
            kind: 'nps',
            score: 1,
            submittedAt: new Date(Date.now() - 60_000).toISOString(),
            email: emailOf(personKey),
          },
        ],
      },
    })
    expect(res.status, res.text).toBe(200)
    await runDurableObjectAlarm(stub)
    await runDurableObjectAlarm(stub)
  }
  const alertLog = async () =>
    ((await admin('GET', `/admin/tenants/${tenantId}/alerts`)).json as { alerts: LoggedAlert[] })
      .alerts

  // 1. The token expired at HubSpot: the task call's 401 refreshes it once, the task is created.
  clock += 31 * 60_000
  await detractor('nps-oauth-1', contacts[0]![1])
  expect(refreshes).toBe(1)
  expect(createdTasks(hubspot.app).map((t) => t.contactIds)).toEqual([[contacts[0]![0]]])
  const [first] = await alertLog()
  expect(first).toMatchObject({
    status: 'delivered',
    deliveries: [{ destination: 'hubspot_task', status: 'delivered', attempts: 1 }],
  })

  // 2. The portal uninstalls the app: the refresh is refused; the grant needs reconnecting and
  // the alert is held (pending, no attempt counted), not lost.
  hubspot.oauth.uninstall(env.HUBSPOT_CLIENT_ID!)
  clock += 31 * 60_000
  await detractor('nps-oauth-2', contacts[1]![1])
  expect(createdTasks(hubspot.app)).toHaveLength(1)
  const lifecycle = await admin(
    'GET',
    `/admin/tenants/${tenantId}/connections/${connection!.id}/lifecycle`,
  )
  expect((lifecycle.json as { state: string }).state).toBe('needs_reconnect')
  const held = (await alertLog()).find((a) => a.id !== first!.id)!
  expect(held.status).toBe('pending')
  expect(held.deliveries).toMatchObject([
    { destination: 'hubspot_task', status: 'pending', attempts: 0 },
  ])
  expect(held.deliveries[0]!.lastError).toContain('invalid_grant')
  // Retried much later (the hold's wait passed, and far past MAX_ATTEMPTS' backoffs): still held,
  // without calling HubSpot with a grant known dead.
  const refreshesWhenHeld = refreshes
  for (let pass = 0; pass < 10; pass++) {
    await inObject(tenantId, (instance) =>
      instance.store.sql.run('UPDATE alert_deliveries SET next_attempt_ms = 0'),
    )
    await runDurableObjectAlarm(stub)
  }
  expect(refreshes).toBe(refreshesWhenHeld)
  const stillHeld = (await alertLog()).find((a) => a.id === held.id)!
  expect(stillHeld).toMatchObject({
    status: 'pending',
    deliveries: [{ status: 'pending', attempts: 0 }],
  })
  expect(stillHeld.deliveries[0]!.lastError).toContain('needs reconnecting')

  // 3. The admin installs the app again: the held alert goes out on the new grant.
  expect(await installHubSpot(hubspot)).toBe(tenantId)
  await inObject(tenantId, (instance) =>
    instance.store.sql.run('UPDATE alert_deliveries SET next_attempt_ms = 0'),
  )
  await runDurableObjectAlarm(stub)
  expect(createdTasks(hubspot.app).map((t) => t.contactIds)).toEqual([
    [contacts[0]![0]],
    [contacts[1]![0]],
  ])
  expect((await alertLog()).find((a) => a.id === held.id)).toMatchObject({
    status: 'delivered',
    deliveries: [{ status: 'delivered', attempts: 1 }],
  })
}, 120_000)
