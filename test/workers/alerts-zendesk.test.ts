import { runDurableObjectAlarm } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import {
  createZendeskSandbox,
  DEFAULT_CREDENTIALS,
  type ZendeskSandbox,
} from '../../connectors/zendesk/sandbox/app.ts'
import { addedComments } from '../../connectors/zendesk/sandbox/routes/ticket-notes.ts'
import { addZendeskConnection, admin, call, createTenant } from './http.ts'
import { routeOutbound } from './outbound.ts'
import { syncToCompletion } from './sync-helpers.ts'

const ACCOUNT = 'alerts-notes'
const ORIGIN = 'https://alerts-notes.zendesk-sandbox.test'
let sandbox: ZendeskSandbox
let t: { tenantId: string; apiKey: string }

beforeAll(async () => {
  sandbox = createZendeskSandbox({
    seed: 3,
    users: 30,
    tickets: 90,
    years: 1,
    subdomain: ACCOUNT,
    now: Date.now() - 10 * 60_000,
  })
  sandbox.setClock(() => Date.now())
  routeOutbound(ORIGIN, (request) => sandbox.app.fetch(request))
  t = await createTenant('Alert notes')
  const created = await addZendeskConnection(t.tenantId, {
    subdomain: undefined,
    baseUrl: ORIGIN,
    account: ACCOUNT,
    auth: {
      kind: 'api_token',
      email: DEFAULT_CREDENTIALS.email,
      token: DEFAULT_CREDENTIALS.apiToken,
    },
  })
  expect(created.status, created.text).toBe(201)
  await syncToCompletion(t.tenantId, created.json!.id as string)
  const put = await admin('PUT', `/admin/tenants/${t.tenantId}/alerts/rules`, {
    zendeskNote: { enabled: true },
  })
  expect(put.status, put.text).toBe(200)
}, 120_000)

describe('the Zendesk note destination', () => {
  it("puts one internal note and a tag on the customer's newest open ticket", async () => {
    const truth = sandbox.groundTruth()
    const open = truth.tickets
      .filter((ticket) => ['new', 'open', 'pending', 'hold'].includes(ticket.status))
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at))
    const requester = truth.users.find((u) => u.id === open[0]!.requester_id)!
    const res = await call('POST', '/v1/responses', {
      token: t.apiKey,
      body: {
        responses: [
          {
            id: 'nps-note-1',
            kind: 'nps',
            score: 3,
            submittedAt: new Date(Date.now() - 60_000).toISOString(),
            email: requester.email,
          },
        ],
      },
    })
    expect(res.status, res.text).toBe(200)
    await runDurableObjectAlarm(tenantStub(env, t.tenantId))
    await runDurableObjectAlarm(tenantStub(env, t.tenantId))
    const notes = addedComments(sandbox.state)
    expect(notes).toHaveLength(1)
    const newestOfRequester = open.find((ticket) => ticket.requester_id === requester.id)!
    expect(notes[0]).toMatchObject({ ticketId: newestOfRequester.id, public: false })
    expect(notes[0]!.body).toContain('answered NPS 3')
    expect(sandbox.state.account.tickets.get(newestOfRequester.id)!.tags).toContain('cxlens_alert')
    const log = await admin('GET', `/admin/tenants/${t.tenantId}/alerts`)
    expect(log.json!.alerts).toMatchObject([
      { status: 'delivered', deliveries: [{ destination: 'zendesk_note', status: 'delivered' }] },
    ])
  })
})
