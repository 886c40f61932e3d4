import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CustomerView } from '../../core/model/index.ts'
import {
  createZendeskSandbox,
  DEFAULT_CREDENTIALS,
  type ZendeskSandbox,
} from '../../connectors/zendesk/sandbox/app.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import type { Tenant } from '../../apps/worker/tenant/tenant.ts'
import { addZendeskConnection, call, createTenant } from './http.ts'
import { routeOutbound } from './outbound.ts'
import { syncToCompletion } from './sync-helpers.ts'

const SANDBOX = 'https://zendesk-sandbox.test'
const ACCOUNT = 'acme-e2e'

let sandbox: ZendeskSandbox
let tenant: { tenantId: string; apiKey: string }
let other: { tenantId: string; apiKey: string }

beforeAll(async () => {
  sandbox = createZendeskSandbox({
    seed: 11,
    users: 24,
    tickets: 48,
    years: 1,
    subdomain: ACCOUNT,
    now: Date.now() - 10 * 60_000,
  })
  // The sandbox runs on the real clock: everything generated is older than the export's last minute.
  sandbox.setClock(() => Date.now())
  routeOutbound(SANDBOX, (request) => sandbox.app.fetch(request))

  tenant = await createTenant('E2E')
  other = await createTenant('Other')
  const created = await addZendeskConnection(tenant.tenantId, {
    subdomain: undefined,
    baseUrl: SANDBOX,
    account: ACCOUNT,
    auth: {
      kind: 'api_token',
      email: DEFAULT_CREDENTIALS.email,
      token: DEFAULT_CREDENTIALS.apiToken,
    },
  })
  expect(created.status).toBe(201)
  const state = await syncToCompletion(tenant.tenantId, created.json?.id as string)
  // CXLENS_SLICE_MAX_REQUESTS is 4 in tests: the sync ran as several bounded slices.
  expect(state.slices).toBeGreaterThan(1)
  expect(state.lastSlice!.requests).toBeLessThanOrEqual(4)
  expect(state.streams.map((s) => s.stream).sort()).toEqual([
    'organizations',
    'satisfaction_ratings',
    'survey_responses',
    'tickets',
    'users',
  ])
}, 120_000)

const truth = () => sandbox.groundTruth()
const endUsersWithTickets = () => {
  const tickets = truth().tickets.filter((t) => t.status !== 'deleted')
  return truth().users.filter(
    (u) =>
      u.role === 'end-user' && u.active !== false && tickets.some((t) => t.requester_id === u.id),
  )
}

describe('Zendesk sandbox → tenant store → customer view', () => {
  it('stores every ticket and user of the ground truth, current version', async () => {
    const g = truth()
    expect(g.tickets.length).toBeGreaterThan(40)
    expect(g.users.length).toBeGreaterThan(20)
    const mismatches = await runInDurableObject(
      tenantStub(env, tenant.tenantId),
      (instance: Tenant) => {
        const out: string[] = []
        for (const t of g.tickets) {
          const stored = instance.store.getRecord({
            source: 'zendesk',
            account: ACCOUNT,
            object: 'ticket',
            id: String(t.id),
          })
          if (!stored) out.push(`ticket ${t.id} missing`)
          else if (stored.updatedAt !== new Date(t.updated_at).toISOString())
            out.push(`ticket ${t.id} stale`)
        }
        for (const u of g.users) {
          const stored = instance.store.getRecord({
            source: 'zendesk',
            account: ACCOUNT,
            object: 'user',
            id: String(u.id),
          })
          if (!stored) out.push(`user ${u.id} missing`)
        }
        return out
      },
    )
    expect(mismatches).toEqual([])
  })

  it('reports per-stream state to ops: caught up, counts, requests', async () => {
    const res = await call(
      'GET',
      `/admin/tenants/${tenant.tenantId}/connections/${await connectionId()}`,
      {
        token: 'test-admin-token-0123456789abcdef',
      },
    )
    expect(res.status).toBe(200)
    const streams = res.json?.streams as {
      stream: string
      caughtUp: boolean
      requests: number
      counts: { fetched: number }
    }[]
    for (const s of streams) {
      expect(s.caughtUp, s.stream).toBe(true)
      expect(s.requests, s.stream).toBeGreaterThan(0)
    }
    expect(streams.find((s) => s.stream === 'tickets')?.counts.fetched).toBeGreaterThanOrEqual(
      truth().tickets.length,
    )
    expect(res.text).not.toContain(DEFAULT_CREDENTIALS.apiToken)
  })

  it('serves the same customer by Zendesk user id, ticket id and email', async () => {
    const user = endUsersWithTickets().find((u) => u.email)!
    const ticket = truth().tickets.find(
      (t) => t.requester_id === user.id && t.status !== 'deleted',
    )!
    const byUser = await call('GET', `/v1/customers/lookup?zendesk_user_id=${user.id}`, {
      token: tenant.apiKey,
    })
    expect(byUser.status).toBe(200)
    const view = byUser.json as unknown as CustomerView
    expect(view.customer.identities.map((r) => `${r.object}:${r.id}`)).toContain(`user:${user.id}`)
    expect(view.tickets.total).toBeGreaterThanOrEqual(1)

    const byTicket = await call(
      'GET',
      `/v1/customers/lookup?zendesk_ticket_id=${ticket.id}&account=${ACCOUNT}`,
      { token: tenant.apiKey },
    )
    expect((byTicket.json as unknown as CustomerView).customer.id).toBe(view.customer.id)
    const byEmail = await call(
      'GET',
      `/v1/customers/lookup?email=${encodeURIComponent(user.email!.toUpperCase())}`,
      { token: tenant.apiKey },
    )
    expect((byEmail.json as unknown as CustomerView).customer.id).toBe(view.customer.id)
    const byId = await call('GET', `/v1/customers/${view.customer.id}`, { token: tenant.apiKey })
    expect(byId.status).toBe(200)
    expect((byId.json as unknown as CustomerView).customer).toEqual(view.customer)
  })

  it('counts each customer’s tickets as the ground truth does', async () => {
    const users = endUsersWithTickets().slice(0, 8)
    let openSeen = 0
    for (const user of users) {
      const res = await call('GET', `/v1/customers/lookup?zendesk_user_id=${user.id}`, {
        token: tenant.apiKey,
      })
      const view = res.json as unknown as CustomerView
      const ids = new Set(
        view.customer.identities.filter((r) => r.object === 'user').map((r) => Number(r.id)),
      )
      const expected = truth().tickets.filter(
        (t) => ids.has(t.requester_id) && t.status !== 'deleted',
      )
      const open = expected.filter((t) => ['new', 'open', 'pending', 'hold'].includes(t.status))
      expect(view.tickets.open.map((t) => t.ref.id).sort(), `user ${user.id}`).toEqual(
        open.map((t) => String(t.id)).sort(),
      )
      openSeen += open.length
    }
    expect(openSeen).toBeGreaterThan(0)
  })

  it('keeps tenants apart: another tenant’s key never reads this tenant’s customers', async () => {
    const user = endUsersWithTickets()[0]!
    const own = await call('GET', `/v1/customers/lookup?zendesk_user_id=${user.id}`, {
      token: tenant.apiKey,
    })
    const customerId = (own.json as unknown as CustomerView).customer.id
    const byId = await call('GET', `/v1/customers/${customerId}`, { token: other.apiKey })
    expect(byId.status).toBe(404)
    expect(byId.text).not.toContain(user.name)
    const lookup = await call(
      'GET',
      `/v1/customers/lookup?zendesk_user_id=${user.id}&account=${ACCOUNT}`,
      { token: other.apiKey },
    )
    expect(lookup.status).toBe(404)
    if (user.email) {
      const byEmail = await call(
        'GET',
        `/v1/customers/lookup?email=${encodeURIComponent(user.email)}`,
        { token: other.apiKey },
      )
      expect(byEmail.status).toBe(404)
    }
  })

  it('asks for the account when a Zendesk id could belong to several', async () => {
    const second = await addZendeskConnection(tenant.tenantId, { subdomain: 'acme-second' })
    expect(second.status).toBe(201)
    const user = endUsersWithTickets()[0]!
    const ambiguous = await call('GET', `/v1/customers/lookup?zendesk_user_id=${user.id}`, {
      token: tenant.apiKey,
    })
    expect(ambiguous.status).toBe(400)
    expect(ambiguous.json?.errors).toEqual([expect.objectContaining({ field: 'query.account' })])
    const named = await call(
      'GET',
      `/v1/customers/lookup?zendesk_user_id=${user.id}&account=${ACCOUNT}`,
      { token: tenant.apiKey },
    )
    expect(named.status).toBe(200)
  })
})

async function connectionId(): Promise<string> {
  const list = await tenantStub(env, tenant.tenantId).listConnections()
  return list.find((c) => c.account === ACCOUNT)!.id
}
