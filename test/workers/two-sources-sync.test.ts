import { beforeAll, describe, expect, it } from 'vitest'
import type { CustomerView } from '../../core/model/index.ts'
import { createHubSpotSandbox, type HubSpotSandbox } from '../../connectors/hubspot/sandbox/app.ts'
import { peopleFromZendeskUsers } from '../../connectors/hubspot/sandbox/from-zendesk.ts'
import {
  createZendeskSandbox,
  DEFAULT_CREDENTIALS,
  type ZendeskSandbox,
} from '../../connectors/zendesk/sandbox/app.ts'
import { addZendeskConnection, admin, call, createTenant } from './http.ts'
import { routeOutbound } from './outbound.ts'
import { syncToCompletion } from './sync-helpers.ts'

const ZENDESK = 'https://zendesk-two.test'
const HUBSPOT = 'https://hubspot-two.test'
const ACCOUNT = 'acme-two'
const PORTAL = '7777777'
const HS_TOKEN = 'hs-private-app-token-two'

let zendesk: ZendeskSandbox
let hubspot: HubSpotSandbox
let tenant: { tenantId: string; apiKey: string }

beforeAll(async () => {
  const now = Date.now() - 10 * 60_000
  zendesk = createZendeskSandbox({
    seed: 23,
    users: 20,
    tickets: 40,
    years: 1,
    subdomain: ACCOUNT,
    now,
  })
  zendesk.setClock(() => Date.now())
  // The same humans in the CRM (every 4th requester left out), plus a few HubSpot-only contacts.
  hubspot = createHubSpotSandbox({
    seed: 23,
    people: peopleFromZendeskUsers(zendesk.groundTruth().users),
    hubspotOnly: 4,
    companies: 4,
    asOf: now,
    now: () => Date.now(),
    portalId: PORTAL,
    tokens: [HS_TOKEN],
    searchLagMs: 0,
  })
  routeOutbound(ZENDESK, (request) => zendesk.app.fetch(request))
  routeOutbound(HUBSPOT, (request) => hubspot.app.fetch(request))

  tenant = await createTenant('Two sources')
  const zd = await addZendeskConnection(tenant.tenantId, {
    subdomain: undefined,
    baseUrl: ZENDESK,
    account: ACCOUNT,
    auth: {
      kind: 'api_token',
      email: DEFAULT_CREDENTIALS.email,
      token: DEFAULT_CREDENTIALS.apiToken,
    },
  })
  expect(zd.status, zd.text).toBe(201)
  const hs = await admin('POST', `/admin/tenants/${tenant.tenantId}/connections`, {
    source: 'hubspot',
    portalId: PORTAL,
    baseUrl: HUBSPOT,
    auth: { kind: 'private_app', token: HS_TOKEN },
  })
  expect(hs.status, hs.text).toBe(201)
  expect(hs.json).toMatchObject({
    source: 'hubspot',
    account: PORTAL,
    baseUrl: HUBSPOT,
    auth: { kind: 'private_app' },
  })
  expect(hs.text).not.toContain(HS_TOKEN)
  await syncToCompletion(tenant.tenantId, zd.json?.id as string)
  const state = await syncToCompletion(tenant.tenantId, hs.json?.id as string)
  // Slices of at most 4 requests in tests: the HubSpot backfill needed many of them.
  expect(state.lastSlice!.requests).toBeLessThanOrEqual(4)
  // 9 requests since associations come inline with the list pages: still three slices.
  expect(state.streams.reduce((n, s) => n + s.requests, 0)).toBeGreaterThan(4 * 2)
  expect(state.streams.filter((s) => !s.caughtUp)).toEqual([])
}, 180_000)

const lookup = async (query: string) => {
  const res = await call('GET', `/v1/customers/lookup?${query}`, { token: tenant.apiKey })
  return { status: res.status, view: res.json as unknown as CustomerView }
}

/** Live, non-deleted HubSpot contacts standing for a Zendesk user (`z<userId>`). */
function sharedContacts(): { contactId: string; zendeskUserId: string }[] {
  const truth = hubspot.groundTruth()
  const erased = new Set(truth.privacyDeleted)
  return truth.live.contacts
    .filter((id) => !erased.has(id))
    .flatMap((contactId) => {
      const key = truth.personOfContact.get(contactId) ?? ''
      return key.startsWith('z') ? [{ contactId, zendeskUserId: key.slice(1) }] : []
    })
}

describe('Zendesk + HubSpot sandboxes → one tenant', () => {
  it('makes a human present in both tools ONE customer', async () => {
    const shared = sharedContacts()
    expect(shared.length).toBeGreaterThan(5)
    for (const { contactId, zendeskUserId } of shared) {
      const byContact = await lookup(`hubspot_contact_id=${contactId}`)
      const byUser = await lookup(`zendesk_user_id=${zendeskUserId}`)
      expect(byContact.status, `contact ${contactId}`).toBe(200)
      expect(byUser.status, `user ${zendeskUserId}`).toBe(200)
      expect(byContact.view.customer.id, `contact ${contactId}`).toBe(byUser.view.customer.id)
      const sources = new Set(byContact.view.customer.identities.map((r) => r.source))
      expect([...sources].sort()).toEqual(['hubspot', 'zendesk'])
    }
  })

  it('shows tickets from both tools and NPS from HubSpot in that customer’s view', async () => {
    let both = 0
    for (const { contactId } of sharedContacts()) {
      const { view } = await lookup(`hubspot_contact_id=${contactId}`)
      const tickets = [...view.tickets.open, ...view.tickets.recent]
      const ticketSources = new Set(tickets.map((t) => t.ref.source))
      for (const r of view.nps.responses) expect(r.ref.source).toBe('hubspot')
      if (ticketSources.size === 2 && view.nps.responses.length > 0) {
        both++
        expect(view.nps.latest).not.toBeNull()
        const hsTickets = tickets.filter((t) => t.ref.source === 'hubspot').map((t) => t.ref.id)
        for (const id of hsTickets) {
          const byTicket = await lookup(`hubspot_ticket_id=${id}`)
          expect(byTicket.view.customer.id).toBe(view.customer.id)
        }
      }
    }
    expect(both).toBeGreaterThan(0)
  })

  it('lists the joined customers as having both sources', async () => {
    const res = await admin(
      'GET',
      `/admin/tenants/${tenant.tenantId}/customers?has=both_sources&limit=200`,
    )
    const page = res.json as { total: number; customers: { sources: string[] }[] }
    expect(page.total).toBeGreaterThanOrEqual(
      new Set(sharedContacts().map((s) => s.zendeskUserId)).size,
    )
    for (const c of page.customers) expect(c.sources).toEqual(['hubspot', 'zendesk'])
  })

  it('reports HubSpot stream state to ops without the token', async () => {
    const list = await admin('GET', `/admin/tenants/${tenant.tenantId}/connections`)
    const hs = (list.json?.connections as { id: string; source: string }[]).find(
      (c) => c.source === 'hubspot',
    )!
    const state = await admin('GET', `/admin/tenants/${tenant.tenantId}/connections/${hs.id}`)
    expect(state.status).toBe(200)
    const streams = state.json?.streams as { stream: string; caughtUp: boolean }[]
    expect(streams.map((s) => s.stream).sort()).toEqual([
      'companies',
      'contacts',
      'feedback_submissions',
      'tickets',
    ])
    expect(state.text).not.toContain(HS_TOKEN)
  })
})
