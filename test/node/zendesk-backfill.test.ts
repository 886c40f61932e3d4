import { describe, expect, it } from 'vitest'
import { createZendeskConnector } from '../../connectors/zendesk/index.ts'
import { createZendeskSandbox } from '../../connectors/zendesk/sandbox/app.ts'
import { generateAccount } from '../../connectors/zendesk/sandbox/generate.ts'
import { refKey } from '../../core/model/index.ts'
import { openNodeSqlite } from '../../core/store/node-sqlite.ts'
import { TenantStore } from '../../core/store/index.ts'
import { createFakeClock } from '../../core/sync/fake-clock.ts'
import { createHttpClient } from '../../core/sync/http.ts'
import { createRateBudget, type RateBudget } from '../../core/sync/rate-budget.ts'
import { runSlice } from '../../core/sync/run-slice.ts'

/**
 * Backfills a small generated Zendesk account through the real connector, HTTP client, rate budget
 * and engine, with the process killed at every page boundary, and checks nothing is lost or doubled.
 * Time is one fake clock shared by the sandbox and the engine: rate-limit waits cost no real time.
 */
// Generated once; sandboxes only read it (nothing here mutates the account).
const account = generateAccount({ seed: 11, users: 25, tickets: 60, years: 1 })

function setup() {
  const sandbox = createZendeskSandbox({ seed: 11, account })
  const clock = createFakeClock(sandbox.state.now())
  sandbox.setClock(() => clock.now())
  const connector = createZendeskConnector({
    account: 'cxlens-sandbox',
    baseUrl: 'http://sandbox.test',
    auth: {
      kind: 'api_token',
      email: sandbox.credentials.email,
      token: sandbox.credentials.apiToken,
    },
    pageSize: 10,
  })
  const budget = createRateBudget(connector.rateBuckets, clock)
  const store = new TenantStore(openNodeSqlite(), { clock })
  store.migrate()
  store.putConnection({
    id: 'zd',
    source: 'zendesk',
    account: 'cxlens-sandbox',
    baseUrl: 'http://sandbox.test',
    credentials: null,
    settings: {},
  })
  return { sandbox, clock, connector, budget, store }
}

type Setup = ReturnType<typeof setup>

async function slice(s: Setup, store: TenantStore, budget: RateBudget) {
  const http = createHttpClient({
    fetch: async (input, init) =>
      s.sandbox.app.request(input instanceof Request ? input : String(input), init),
    budget,
    clock: s.clock,
  })
  return runSlice({
    store,
    connectionId: 'zd',
    connector: s.connector,
    http,
    options: { maxRequests: 25, maxMillis: 120_000, now: s.clock.now },
  })
}

async function syncToEnd(s: Setup, store = s.store) {
  for (let i = 0; i < 500; i++) {
    const result = await slice(s, store, s.budget)
    expect(result.errors).toEqual([])
    if (result.done) return
    if (result.retryAt !== null && result.retryAt > s.clock.now()) {
      s.clock.advance(result.retryAt - s.clock.now())
    }
  }
  throw new Error('backfill never finished')
}

/** The synced data, independent of when it was synced. */
function snapshot(store: TenantStore) {
  const rows = (sql: string) => store.sql.all(sql).map((r) => JSON.stringify(r))
  return {
    records: rows('SELECT ref_key, kind, updated_ms, deleted, body FROM records ORDER BY ref_key'),
    identityKeys: rows('SELECT * FROM identity_keys ORDER BY key, ref_key'),
    quarantine: rows('SELECT stream, vendor_id, reason FROM quarantine ORDER BY stream, vendor_id'),
    customers: rows('SELECT id, body FROM customers ORDER BY id'),
    members: rows('SELECT * FROM customer_members ORDER BY ref_key'),
    views: store.sql.all<{ n: number }>('SELECT count(*) AS n FROM views')[0]?.n,
    // Cursors are left out: CSAT watermarks hold the clock time a walk started.
    caughtUp: store.streamStates('zd').map((st) => [st.stream, st.caughtUp]),
  }
}

describe('Zendesk backfill through runSlice', () => {
  it('matches the sandbox ground truth, killed at every page boundary', async () => {
    const reference = setup()
    let pages = 0
    const counting = new Proxy(reference.store, {
      get(target, property, receiver) {
        if (property !== 'writePage') return Reflect.get(target, property, receiver)
        return (input: Parameters<TenantStore['writePage']>[0]) => {
          pages++
          return target.writePage(input)
        }
      },
    })
    await syncToEnd(reference, counting)
    const expected = snapshot(reference.store)

    // Ground truth: every user and ticket is stored (or quarantined with a reason), deletions too.
    const truth = reference.sandbox.groundTruth()
    const quarantined = new Set(
      reference.store.listQuarantine({ limit: 10_000 }).map((q) => `${q.stream}:${q.vendorId}`),
    )
    const ref = (object: string, id: number) =>
      ({ source: 'zendesk', account: 'cxlens-sandbox', object, id: String(id) }) as const
    for (const user of truth.users) {
      if (quarantined.has(`users:${user.id}`)) continue
      expect(
        reference.store.getRecord(ref('user', user.id)),
        refKey(ref('user', user.id)),
      ).toMatchObject({
        kind: 'person',
        deleted: user.active === false,
      })
    }
    for (const ticket of truth.tickets) {
      if (quarantined.has(`tickets:${ticket.id}`)) continue
      expect(reference.store.getRecord(ref('ticket', ticket.id))).toMatchObject({
        kind: 'ticket',
        deleted: ticket.status === 'deleted',
      })
    }
    const quarantinedTickets = [...quarantined].filter((q) => q.startsWith('tickets:')).length
    expect(reference.store.countRecords('ticket') + quarantinedTickets).toBe(truth.tickets.length)
    expect(reference.store.listCustomers().total).toBeGreaterThan(0)
    expect(pages).toBeGreaterThan(10)

    for (let n = 1; n <= pages; n++) {
      for (const when of ['before', 'after'] as const) {
        const s = setup()
        let writes = 0
        const crashing = new Proxy(s.store, {
          get(target, property, receiver) {
            if (property !== 'writePage') return Reflect.get(target, property, receiver)
            return (input: Parameters<TenantStore['writePage']>[0]) => {
              writes++
              if (writes === n && when === 'before') throw new Error('killed')
              const result = target.writePage(input)
              if (writes === n) throw new Error('killed')
              return result
            }
          },
        })
        let crashed = false
        for (let i = 0; i < 500 && !crashed; i++) {
          const result = await slice(s, crashing, s.budget).catch((e: Error) => {
            crashed = e.message === 'killed'
            if (!crashed) throw e
            return null
          })
          if (result?.done) break
          if (result?.retryAt && result.retryAt > s.clock.now())
            s.clock.advance(result.retryAt - s.clock.now())
        }
        expect(crashed, `crash at page ${n} ${when}`).toBe(true)
        // A restarted object: fresh budget, same database.
        s.budget = createRateBudget(s.connector.rateBuckets, s.clock)
        await syncToEnd(s)
        expect(snapshot(s.store), `killed at page ${n} ${when} the commit`).toEqual(expected)
      }
    }
  }, 120_000)
})
