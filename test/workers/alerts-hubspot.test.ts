import { runDurableObjectAlarm } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import { createHubSpotSandbox, type HubSpotSandbox } from '../../connectors/hubspot/sandbox/app.ts'
import { createdTasks } from '../../connectors/hubspot/sandbox/tasks.ts'
import { admin, call, createTenant } from './http.ts'
import { routeOutbound } from './outbound.ts'
import { syncToCompletion } from './sync-helpers.ts'

const HUBSPOT = 'https://hubspot-alerts.test'
const PORTAL = '5151515'
const TOKEN = 'hs-private-app-token-alerts'
let hubspot: HubSpotSandbox
let t: { tenantId: string; apiKey: string }

beforeAll(async () => {
  const now = Date.now() - 10 * 60_000
  hubspot = createHubSpotSandbox({
    seed: 9,
    hubspotOnly: 6,
    companies: 1,
    asOf: now,
    now: () => Date.now(),
    portalId: PORTAL,
    tokens: [TOKEN],
    searchLagMs: 0,
  })
  routeOutbound(HUBSPOT, (request) => hubspot.app.fetch(request))
  t = await createTenant('Alert tasks')
  const hs = await admin('POST', `/admin/tenants/${t.tenantId}/connections`, {
    source: 'hubspot',
    portalId: PORTAL,
    baseUrl: HUBSPOT,
    auth: { kind: 'private_app', token: TOKEN },
  })
  expect(hs.status, hs.text).toBe(201)
  await syncToCompletion(t.tenantId, hs.json!.id as string)
  const put = await admin('PUT', `/admin/tenants/${t.tenantId}/alerts/rules`, {
    hubspotTask: { enabled: true },
  })
  expect(put.status, put.text).toBe(200)
}, 120_000)

describe('the HubSpot task destination', () => {
  it("creates one task associated with the customer's contact", async () => {
    const truth = hubspot.groundTruth()
    const [contactId, personKey] = [...truth.personOfContact][0]!
    const email = truth.people.find((p) => p.key === personKey)!.email
    const res = await call('POST', '/v1/responses', {
      token: t.apiKey,
      body: {
        responses: [
          {
            id: 'nps-task-1',
            kind: 'nps',
            score: 2,
            submittedAt: new Date(Date.now() - 60_000).toISOString(),
            email,
          },
        ],
      },
    })
    expect(res.status, res.text).toBe(200)
    await runDurableObjectAlarm(tenantStub(env, t.tenantId))
    await runDurableObjectAlarm(tenantStub(env, t.tenantId))
    const tasks = createdTasks(hubspot.app)
    expect(tasks).toHaveLength(1)
    expect(tasks[0]!.contactIds).toEqual([contactId])
    expect(tasks[0]!.properties.hs_task_body).toContain('answered NPS 2')
    const log = await admin('GET', `/admin/tenants/${t.tenantId}/alerts`)
    expect(log.json!.alerts).toMatchObject([
      { status: 'delivered', deliveries: [{ destination: 'hubspot_task', status: 'delivered' }] },
    ])
  })
})
