import { describe, expect, it } from 'vitest'
import { runSync } from '../../bench/cxlens-sync.ts'
import { compareBodies } from '../../bench/record-bodies.ts'
import {
  compareViews,
  describeViewMismatches,
  groupCustomers,
  storedViewFigures,
} from '../../bench/views-check.ts'
import { expectedZendeskBodies } from '../../bench/zendesk-bodies.ts'
import { expectedZendeskViews } from '../../bench/zendesk-views.ts'
import { createZendeskConnector } from '../../connectors/zendesk/index.ts'
import { createZendeskSandbox } from '../../connectors/zendesk/sandbox/app.ts'
import { TenantStore } from '../../core/store/index.ts'
import { openNodeSqlite } from '../../core/store/node-sqlite.ts'
import { createFakeClock } from '../../core/sync/fake-clock.ts'
import { createHttpClient } from '../../core/sync/http.ts'
import { createRateBudget } from '../../core/sync/rate-budget.ts'

const ACCOUNT = 'cxlens-sandbox'

/** A small account synced to the end through the bench's own sync loop (as `npm run bench`). */
async function synced() {
  const sandbox = createZendeskSandbox({ seed: 7, users: 60, tickets: 300 })
  const clock = createFakeClock(sandbox.state.now())
  sandbox.setClock(() => clock.now())
  const connector = createZendeskConnector({
    account: ACCOUNT,
    baseUrl: 'http://sandbox.test',
    auth: {
      kind: 'api_token',
      email: sandbox.credentials.email,
      token: sandbox.credentials.apiToken,
    },
  })
  const store = new TenantStore(openNodeSqlite(), { clock })
  store.migrate()
  store.putConnection({
    id: 'zd',
    source: 'zendesk',
    account: ACCOUNT,
    baseUrl: 'http://sandbox.test',
    credentials: null,
    settings: {},
  })
  const client = createHttpClient({
    fetch: async (input, init) =>
      sandbox.app.request(input instanceof Request ? input : String(input), init),
    budget: createRateBudget(connector.rateBuckets, clock),
    clock,
  })
  const run = await runSync({
    store,
    connectionId: 'zd',
    connector,
    client,
    sliceRequests: 50,
    sliceMillis: 20_000,
    clock,
  })
  expect(run.errors).toEqual([])
  return { sandbox, store }
}

describe('bench store checks (record bodies, customer views)', () => {
  it('agree with a correct sync and name each record and customer that differs', async () => {
    const { sandbox, store } = await synced()
    const expectedBodies = expectedZendeskBodies(sandbox, ACCOUNT)
    const clean = compareBodies(store, expectedBodies)
    expect(clean.compared).toBeGreaterThan(300)
    expect(clean).toMatchObject({ missing: [], differ: [] })

    const views = expectedZendeskViews(sandbox)
    const agreeing = compareViews(views, storedViewFigures(store))
    expect(agreeing.pass).toBe(true)
    expect(agreeing.agree).toBe(views.length)
    // The figures are not all empty: some customers have answers and open tickets.
    expect(views.some((v) => v.csatCount > 0 && v.openTotal > 0)).toBe(true)

    // A ticket body changed in the store, and another record lost.
    const [ticket, gone] = store.sql.all<{ ref_key: string }>(
      "SELECT ref_key FROM records WHERE kind = 'ticket' ORDER BY ref_key LIMIT 2",
    ) as [{ ref_key: string }, { ref_key: string }]
    store.sql.run(
      "UPDATE records SET body = json_set(body, '$.subject', 'not what Zendesk says') WHERE ref_key = ?",
      ticket.ref_key,
    )
    store.sql.run('DELETE FROM records WHERE ref_key = ?', gone.ref_key)
    const broken = compareBodies(store, expectedBodies)
    expect(broken.differ).toEqual([ticket.ref_key])
    expect(broken.missing).toEqual([gone.ref_key])

    // One view counts an open ticket too many, another is gone.
    const rated = views.find((v) => v.csatCount > 0) as (typeof views)[number]
    const [first, second] = store.sql.all<{ customer_id: string; body: string }>(
      'SELECT customer_id, body FROM views ORDER BY customer_id',
    ) as [{ customer_id: string; body: string }, { customer_id: string; body: string }]
    store.sql.run(
      "UPDATE views SET body = json_set(body, '$.tickets.openTotal', 99) WHERE customer_id = ?",
      first.customer_id,
    )
    store.sql.run('DELETE FROM views WHERE customer_id = ?', second.customer_id)
    const wrong = compareViews(views, storedViewFigures(store))
    expect(wrong.pass).toBe(false)
    expect(wrong.differ).toHaveLength(1)
    expect(wrong.differ[0]?.differences.join()).toMatch(/open tickets: truth \d+, view 99/)
    expect(wrong.missing).toHaveLength(1)
    expect(describeViewMismatches(wrong).length).toBe(2)
    expect(rated.csatSatisfiedPercent).not.toBeNull()
  })
})

describe('groupCustomers (the identity rules, written apart from core)', () => {
  it('joins across accounts by email, never by a line two identities of one account share', () => {
    const groups = groupCustomers([
      { member: 'zendesk:user:1', live: true, account: 'zendesk:a', keys: ['email:ann@x.test'] },
      { member: 'hubspot:contact:9', live: true, account: 'hubspot:p', keys: ['email:ann@x.test'] },
      {
        member: 'zendesk:user:2',
        live: true,
        account: 'zendesk:a',
        keys: ['phone:+331', 'ext:e7'],
      },
      { member: 'zendesk:user:3', live: true, account: 'zendesk:a', keys: ['phone:+331'] },
      { member: 'zendesk:user:4', live: true, account: 'zendesk:a', keys: ['ext:e7'] },
    ])
    expect(groups).toEqual([
      ['hubspot:contact:9', 'zendesk:user:1'],
      ['zendesk:user:2', 'zendesk:user:4'],
      ['zendesk:user:3'],
    ])
  })

  it('joins a merged-away identity to its survivor and drops a group without a live person', () => {
    const groups = groupCustomers([
      { member: 'hubspot:contact:1', live: true, account: 'hubspot:p', keys: ['email:a@x.test'] },
      // Merged away: keys only to its survivor, whatever its old address was.
      {
        member: 'hubspot:contact:2',
        live: false,
        account: 'hubspot:p',
        keys: ['ref:hubspot:contact:1'],
      },
      {
        member: 'hubspot:contact:3',
        live: false,
        account: 'hubspot:p',
        keys: ['ref:hubspot:contact:4'],
      },
    ])
    expect(groups).toEqual([['hubspot:contact:1', 'hubspot:contact:2']])
  })
})
