import { runDurableObjectAlarm } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  createZendeskSandbox,
  DEFAULT_CREDENTIALS,
  type ZendeskSandbox,
} from '../../connectors/zendesk/sandbox/app.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import { addZendeskConnection, admin, createTenant, uniqueSubdomain } from './http.ts'
import { routeOutbound } from './outbound.ts'

const SANDBOX = 'https://zendesk-limits.test'
let sandbox: ZendeskSandbox
const requested: URL[] = []

beforeAll(() => {
  sandbox = createZendeskSandbox({ seed: 5, users: 12, tickets: 20, years: 1 })
  sandbox.setClock(() => Date.now())
  routeOutbound(SANDBOX, (request) => {
    requested.push(new URL(request.url))
    return sandbox.app.fetch(request)
  })
})

/** A tenant with one connection to the sandbox; its own account name, so budgets are its own. */
async function connectSandbox(extra: Record<string, unknown>) {
  const { tenantId } = await createTenant('Limits')
  const res = await addZendeskConnection(tenantId, {
    subdomain: undefined,
    baseUrl: SANDBOX,
    account: uniqueSubdomain('limits'),
    auth: {
      kind: 'api_token',
      email: DEFAULT_CREDENTIALS.email,
      token: DEFAULT_CREDENTIALS.apiToken,
    },
    ...extra,
  })
  expect(res.status, res.text).toBe(201)
  return { tenantId, connection: res.json as Record<string, unknown> }
}

/** The incremental export requests of one alarm pass of the tenant. */
async function exportsOfOneSlice(tenantId: string): Promise<URL[]> {
  requested.length = 0
  await runDurableObjectAlarm(tenantStub(env, tenantId))
  return requested.filter((url) => url.pathname.startsWith('/api/v2/incremental/'))
}

describe('connection plan limits and backfill start', () => {
  it('keeps Zendesk limits and start in the connection and shows them', async () => {
    const { tenantId, connection } = await connectSandbox({
      limits: { accountPerMinute: 2500, exportPerMinute: 30 },
      startTime: '2025-06-01',
    })
    expect(connection).toMatchObject({
      limits: { accountPerMinute: 2500, exportPerMinute: 30 },
      startTime: '2025-06-01T00:00:00.000Z',
    })
    const listed = await admin('GET', `/admin/tenants/${tenantId}/connections`)
    expect(listed.json?.connections).toEqual([connection])
    const state = await admin('GET', `/admin/tenants/${tenantId}/connections/${connection.id}`)
    expect(state.json?.connection).toEqual(connection)
  })

  it('budgets incremental exports at the plan limit and backfills from startTime', async () => {
    const limited = await connectSandbox({
      limits: { exportPerMinute: 1 },
      startTime: '2025-06-01T12:00:00+02:00',
    })
    const exports = await exportsOfOneSlice(limited.tenantId)
    // One export per minute: the first stream's request, then the others wait for the budget.
    expect(exports).toHaveLength(1)
    expect(exports[0]!.searchParams.get('start_time')).toBe(
      String(Date.parse('2025-06-01T10:00:00Z') / 1000),
    )
    // The default (10 a minute) lets the slice (4 requests in tests) export more.
    const plain = await connectSandbox({})
    const defaults = await exportsOfOneSlice(plain.tenantId)
    expect(defaults.length).toBeGreaterThan(1)
    expect(defaults[0]!.searchParams.get('start_time')).toBe('0')
  })

  it('keeps HubSpot limits in the connection', async () => {
    const { tenantId } = await createTenant('HubSpot limits')
    const res = await admin('POST', `/admin/tenants/${tenantId}/connections`, {
      source: 'hubspot',
      portalId: String(500_000_000 + Math.floor(Math.random() * 1_000_000)),
      auth: { kind: 'private_app', token: 'pat-limits' },
      limits: { tenSecondly: 100, daily: 250_000, searchPerSecond: 4 },
    })
    expect(res.status, res.text).toBe(201)
    expect(res.json?.limits).toEqual({ tenSecondly: 100, daily: 250_000, searchPerSecond: 4 })
    expect(res.json).not.toHaveProperty('startTime')
  })

  it('names each bad limit or start', async () => {
    const { tenantId } = await createTenant('Bad limits')
    const fieldsOf = async (body: Record<string, unknown>) => {
      const res = await addZendeskConnection(tenantId, body)
      expect(res.status, res.text).toBe(400)
      return (res.json?.errors as { field: string }[]).map((e) => e.field)
    }
    expect(await fieldsOf({ limits: { accountPerMinute: 0 } })).toEqual([
      'body.limits.accountPerMinute',
    ])
    expect(await fieldsOf({ limits: { exportPerMinute: 2.5 } })).toEqual([
      'body.limits.exportPerMinute',
    ])
    // HubSpot's limit names mean nothing to Zendesk.
    expect(await fieldsOf({ limits: { tenSecondly: 100 } })).toEqual(['body.limits'])
    expect(await fieldsOf({ startTime: 'last week' })).toEqual(['body.startTime'])
    expect(await fieldsOf({ startTime: '2999-01-01' })).toEqual(['body.startTime'])
    const hubspot = await admin('POST', `/admin/tenants/${tenantId}/connections`, {
      source: 'hubspot',
      portalId: '77',
      auth: { kind: 'private_app', token: 'pat' },
      startTime: '2025-01-01',
    })
    expect(hubspot.status).toBe(400)
  })
})
