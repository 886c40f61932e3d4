import { describe, expect, it } from 'vitest'
import { TenantStore } from '../../core/store/index.ts'
import { openNodeSqlite } from '../../core/store/node-sqlite.ts'
import { createHttpClient } from '../../core/sync/http.ts'
import { runSlice } from '../../core/sync/run-slice.ts'
import { createHubSpotConnector } from './connector.ts'
import { createHubSpotSandbox } from './sandbox/app.ts'
import { DEFAULT_AS_OF } from './sandbox/generate.ts'

describe('HubSpot connector through the sync engine', () => {
  it('backfills the default portal in bounded slices under the real limits', async () => {
    let now = DEFAULT_AS_OF + 86_400_000
    const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) }
    const sandbox = createHubSpotSandbox({ now: clock.now })
    const connector = createHubSpotConnector({
      account: sandbox.portalId,
      baseUrl: 'https://api.hubapi.test',
      auth: { kind: 'private_app', token: 'sandbox-token' },
    })
    const http = createHttpClient({
      fetch: (url, init) => Promise.resolve(sandbox.app.request(String(url), init)),
      rateBuckets: connector.rateBuckets,
      clock,
      classifyRateLimit: connector.classifyRateLimit,
    })
    const store = new TenantStore(openNodeSqlite(), { clock })
    store.migrate()
    let slices = 0
    for (; slices < 50; slices++) {
      const result = await runSlice({
        store,
        connectionId: 'hs',
        connector,
        http,
        options: { maxRequests: 4, maxMillis: 60_000, now: clock.now },
      })
      expect(result.errors).toEqual([])
      if (result.done) break
    }
    const truth = sandbox.groundTruth()
    expect(slices).toBeGreaterThan(1)
    // A privacy-deleted contact's tickets and answers are erased with it.
    const erased = (type: 'tickets' | 'feedback_submissions') =>
      new Set(truth.privacyDeleted.flatMap((id) => truth.associations('contacts', id, type)))
    const kept = (type: 'tickets' | 'feedback_submissions', ids: string[]) =>
      ids.filter((id) => !erased(type).has(id)).length
    expect(erased('feedback_submissions').size).toBeGreaterThan(0)
    expect(store.countRecords('ticket')).toBe(
      kept('tickets', truth.live.tickets) + truth.archived.tickets.length,
    )
    expect(store.countRecords('survey_response')).toBe(
      kept('feedback_submissions', truth.live.feedback_submissions),
    )
    expect(store.countRecords('organisation')).toBe(truth.live.companies.length)
    expect(store.listQuarantine({ connectionId: 'hs' })).toEqual([])
    expect(store.listCustomers().total).toBeGreaterThan(150)
    expect(sandbox.counters.rejected).toBe(0)
  }, 60_000)
})
