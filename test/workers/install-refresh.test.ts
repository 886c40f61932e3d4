import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { expect, it } from 'vitest'
import { Directory } from '../../apps/worker/directory/directory.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import type { Tenant } from '../../apps/worker/tenant/tenant.ts'
import { createHubSpotSandbox } from '../../connectors/hubspot/sandbox/app.ts'
import { ADMIN_TOKEN, call } from './http.ts'
import { routeOutbound } from './outbound.ts'
import { syncToCompletion } from './sync-helpers.ts'

const ORIGIN = 'https://cxlens.test'
const HUBSPOT = 'http://hubspot-oauth.sandbox.test'

// HubSpot's clock runs apart from the worker's: the access token dies between two slices while
// the session still believes it valid, so the API's 401 is what triggers the refresh.
it('a HubSpot token expiring mid-sync is refreshed once and the sync resumes with nothing lost', async () => {
  const t0 = Date.now()
  let clock = t0
  const hubspot = createHubSpotSandbox({
    seed: 23,
    portalId: '7700023',
    now: () => clock,
    oauth: {
      clients: [
        {
          clientId: env.HUBSPOT_CLIENT_ID!,
          clientSecret: env.HUBSPOT_CLIENT_SECRET!,
          redirectUris: [`${ORIGIN}/oauth/hubspot/callback`],
          requiredScopes: [
            'oauth',
            'crm.objects.contacts.read',
            'crm.objects.companies.read',
            'tickets',
          ],
          allowedScopes: [
            'oauth',
            'crm.objects.contacts.read',
            'crm.objects.companies.read',
            'tickets',
            'crm.objects.feedback_submissions.read',
          ],
        },
      ],
    },
  })
  let refreshes = 0
  routeOutbound(HUBSPOT, async (request) => {
    if (request.url.endsWith('/oauth/2026-03/token')) {
      const body = await request.clone().text()
      if (body.includes('grant_type=refresh_token')) refreshes++
    }
    return hubspot.app.fetch(request)
  })

  const start = await exports.default.fetch(
    new Request(`${ORIGIN}/install/hubspot`, { redirect: 'manual' }),
  )
  const back = await hubspot.oauth.approve(start.headers.get('location')!)
  const callback = await exports.default.fetch(new Request(back, { redirect: 'manual' }))
  expect(callback.status).toBe(303)
  const tenantId = (await new Directory(env.DIRECTORY).tenantForAccount('hubspot:7700023'))!
  const stub = tenantStub(env, tenantId)
  const [connection] = await stub.listConnections()

  // One slice on the first token, then HubSpot's clock passes its 30-minute life.
  await runDurableObjectAlarm(stub)
  expect(refreshes).toBe(0)
  clock += 31 * 60_000
  const state = await syncToCompletion(tenantId, connection!.id)
  expect(refreshes).toBe(1)
  expect(state.authorization?.status).toBe('active')
  expect(state.streams.every((s) => s.lastError === null)).toBe(true)
  // Nothing lost: the same counts as a sync of an identical portal that never had to refresh.
  const reference = await referenceSync(t0)
  const truth = hubspot.groundTruth().live
  const counts = await liveCounts(tenantId)
  expect(counts.person).toBe(truth.contacts!.length)
  expect(counts.ticket).toBe(truth.tickets!.length)
  expect(counts).toEqual(reference)
}, 120_000)

async function liveCounts(tenantId: string) {
  return runInDurableObject(tenantStub(env, tenantId), (instance: Tenant) => {
    const rows = instance.store.sql.all<{ kind: string; n: number }>(
      'SELECT kind, count(*) AS n FROM records WHERE deleted = 0 GROUP BY kind',
    )
    return Object.fromEntries(rows.map((r) => [r.kind, r.n]))
  })
}

/** The same seed and clock, another portal id, a private app token: no OAuth, no refresh. */
async function referenceSync(t0: number) {
  const sandbox = createHubSpotSandbox({ seed: 23, portalId: '7700024', now: () => t0 })
  const origin = 'http://hubspot-reference.sandbox.test'
  routeOutbound(origin, (request) => sandbox.app.fetch(request))
  const tenant = await call('POST', '/admin/tenants', { token: ADMIN_TOKEN, body: { name: 'Ref' } })
  const tenantId = tenant.json!.tenantId as string
  const created = await call('POST', `/admin/tenants/${tenantId}/connections`, {
    token: ADMIN_TOKEN,
    body: {
      source: 'hubspot',
      portalId: '7700024',
      baseUrl: origin,
      auth: { kind: 'private_app', token: 'sandbox-token' },
    },
  })
  await syncToCompletion(tenantId, created.json!.id as string)
  return liveCounts(tenantId)
}
