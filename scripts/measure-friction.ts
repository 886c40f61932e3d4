import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { buildCustomer } from '../core/identity/index.ts'
import { refKey, type CustomerView, type TenantSettings } from '../core/model/index.ts'
import { openNodeSqlite } from '../core/store/node-sqlite.ts'
import * as q from '../core/store/customers.ts'
import { TenantStore } from '../core/store/index.ts'
import { deriveView } from '../core/view/index.ts'
import { createHubSpotConnector } from '../connectors/hubspot/index.ts'
import { createHubSpotSandbox } from '../connectors/hubspot/sandbox/app.ts'
import { peopleFromZendeskUsers } from '../connectors/hubspot/sandbox/from-zendesk.ts'
import { createZendeskConnector } from '../connectors/zendesk/index.ts'
import { createZendeskSandbox } from '../connectors/zendesk/sandbox/app.ts'
import { createFakeClock } from '../core/sync/fake-clock.ts'
import { createHttpClient } from '../core/sync/http.ts'
import { createRateBudget } from '../core/sync/rate-budget.ts'
import { runSlice } from '../core/sync/run-slice.ts'
import type { Connector } from '../core/sync/types.ts'

/**
 * What an agent sees of the demo's busiest customer: the demo's sandboxes (2,000 users, 10,000
 * tickets, three years, both tools), synced through the real connectors into node:sqlite, then the
 * customers with the most open friction points re-derived with this tree's core/view.
 * `--stale-days <n>` overrides the age-out setting. `--db <file>` keeps the synced store between runs (the sync takes a minute or two).
 */
const { values } = parseArgs({
  options: { db: { type: 'string' }, top: { type: 'string' }, 'stale-days': { type: 'string' } },
})
// The demo's sandboxes (scripts/start.ts): default generation, seed 42, one shared fake clock.
const zendesk = createZendeskSandbox({ seed: 42 })
const clock = createFakeClock(zendesk.state.now() + 86_400_000)
zendesk.setClock(() => clock.now())
const hubspot = createHubSpotSandbox({
  now: clock.now,
  people: peopleFromZendeskUsers(zendesk.groundTruth().users),
})
const path = values.db ?? ':memory:'
const synced = path !== ':memory:' && existsSync(path)
const store = new TenantStore(openNodeSqlite(path), { clock })
if (!synced) {
  const started = Date.now()
  await syncDemo()
  console.log(`synced in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
const now = clock.now()

const rows = store.sql.all<{ customer_id: string; body: string }>(
  'SELECT customer_id, body FROM views',
)
const openCount = (v: CustomerView) => v.friction.filter((f) => f.open).length
const busiest = rows
  .map((r) => ({ id: r.customer_id, open: openCount(JSON.parse(r.body) as CustomerView) }))
  .sort((a, b) => b.open - a.open)
  .slice(0, Number(values.top ?? 3))

for (const { id } of busiest) {
  const members = q.membersOf(store.sql, [id])
  const people = q.loadPeople(store.sql, members)
  const tickets = q.loadTicketsOf(store.sql, members)
  const responses = q.loadResponsesOf(
    store.sql,
    members,
    tickets.map((t) => refKey(t.ref)),
  )
  const orgs = people.flatMap((p) => (p.organisation ? [refKey(p.organisation)] : []))
  const view = deriveView({
    customer: buildCustomer(people, q.loadOrganisations(store.sql, orgs)),
    people,
    tickets,
    responses,
    settings: staleDays(store.getSettings()),
    now,
    freshness: store.freshness(),
  })
  report(view)
}

/** `--stale-days N` overrides the tenant's `staleAfterDays`, to see what ageing out leaves. */
function staleDays(settings: TenantSettings): TenantSettings {
  const days = values['stale-days']
  if (days === undefined) return settings
  return { ...settings, friction: { ...settings.friction, staleAfterDays: Number(days) } }
}

function report(view: CustomerView) {
  const open = view.friction.filter((f) => f.open)
  const byKind = new Map<string, number>()
  for (const f of open) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1)
  const kinds = [...byKind].map(([k, n]) => `${k} ${n}`).join(', ')
  console.log(`\n${view.customer.displayName} (${view.customer.id})`)
  console.log(`  tickets ${view.tickets.total}, open ${view.tickets.open.length}`)
  console.log(`  open friction points ${open.length}: ${kinds}`)
  console.log(`  stored view ${JSON.stringify(view).length} bytes`)
  const focus = view.focus
  if (focus) {
    const grouped = focus.groups.reduce((n, g) => n + g.points.length, 0)
    console.log(
      `  focus: ${focus.total} groups (${focus.groups.length} stored, holding ${grouped} points), ` +
        `${focus.agedOut} points aged out; risk ${focus.risk.level}: ` +
        focus.risk.reasons.map((r) => `${r.code} ${JSON.stringify(r.params)}`).join('; '),
    )
    focus.groups.forEach((g, i) => {
      const ticket = g.nextStep.ticket ? ` #${g.nextStep.ticket.id}` : ''
      console.log(
        `  ${i < 3 ? 'TOP' : '   '} ${g.priority} ${g.severity} "${g.topic ?? '-'}" ` +
          `${g.points.length} points [${g.kinds.join(',')}], ${g.contacts} tickets, ` +
          `last ${g.lastActivityAt.slice(0, 10)}\n        why: ${g.why.reason}; next: ${g.nextStep.action}${ticket}`,
      )
    })
  }
  for (const v of view.verbatims?.items ?? []) {
    console.log(
      `  verbatim ${v.kind} ${v.score} (${v.language}) [${v.themes.join(',')}] ${v.comment}`,
    )
  }
}

async function syncDemo() {
  store.migrate()
  const route = (request: Request) => {
    const { origin } = new URL(request.url)
    return origin === 'http://zendesk.test'
      ? zendesk.app.fetch(request)
      : hubspot.app.fetch(request)
  }
  const fetchBoth = (async (input: RequestInfo | URL, init?: RequestInit) =>
    route(new Request(input, init))) as typeof fetch
  const account = zendesk.state.account.subdomain
  const tools: Array<{ id: string; connector: Connector }> = [
    {
      id: 'zd',
      connector: createZendeskConnector({
        account,
        baseUrl: 'http://zendesk.test',
        auth: {
          kind: 'api_token',
          email: zendesk.credentials.email,
          token: zendesk.credentials.apiToken,
        },
        hubspotAccount: hubspot.portalId,
      }),
    },
    {
      id: 'hs',
      connector: createHubSpotConnector({
        account: hubspot.portalId,
        baseUrl: 'http://hubspot.test',
        auth: { kind: 'private_app', token: 'sandbox-token' },
      }),
    },
  ]
  store.putConnection({
    id: 'zd',
    source: 'zendesk',
    account,
    baseUrl: 'http://zendesk.test',
    credentials: null,
    settings: {},
  })
  store.putConnection({
    id: 'hs',
    source: 'hubspot',
    account: hubspot.portalId,
    baseUrl: 'http://hubspot.test',
    credentials: null,
    settings: {},
  })
  for (const { id, connector } of tools) {
    const http = createHttpClient({
      fetch: fetchBoth,
      budget: createRateBudget(connector.rateBuckets, clock),
      clock,
    })
    for (let i = 0; ; i++) {
      if (i > 5000) throw new Error(`${id}: sync never finished`)
      const result = await runSlice({
        store,
        connectionId: id,
        connector,
        http,
        options: { maxRequests: 50, maxMillis: 600_000, now: clock.now },
      })
      if (result.errors.length > 0) throw new Error(`${id}: ${JSON.stringify(result.errors)}`)
      if (result.retryAt !== null && result.retryAt > clock.now())
        clock.advance(result.retryAt - clock.now())
      if (result.done) break
    }
  }
}
