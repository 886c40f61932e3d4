import { beforeEach, describe, expect, it } from 'vitest'
import type { UnifiedRecord } from '../model/index.ts'
import { openNodeSqlite } from '../store/node-sqlite.ts'
import { person, response, zdRef } from '../store/records.fixtures.ts'
import { TenantStore } from '../store/index.ts'
import { derivePendingSlice } from '../sync/derive.ts'
import { alertId, DEFAULT_ALERT_RULES, withEnabledSince } from './index.ts'

// The fixtures' minute 0 is 2026-01-01T00:00Z; "now" is an hour later, inside the 24 h window.
const t0 = Date.UTC(2026, 0, 1)
let now = t0 + 60 * 60_000
let store: TenantStore

function write(records: UnifiedRecord[], connectionId = 'zd') {
  store.writePage({ connectionId, stream: 's', records, quarantined: [], cursor: 'c', state: {} })
  derivePendingSlice(store, { now })
}

const nps = (id: number, who: number, minute: number, score: number) =>
  response(id, who, null, minute, {
    ref: zdRef('nps_response', id),
    kind: 'nps',
    score,
    scale: { min: 0, max: 10 },
    normalised: score / 10,
  })

const alertsOf = () => store.listAlerts({ limit: 100 })

/** A connected account whose first sync run has finished (started at minute `startedMinute`). */
function connectAndFinishFirstRun(startedMinute: number) {
  store.putConnection({
    id: 'zd',
    source: 'zendesk',
    account: 'acme',
    baseUrl: 'https://acme.zendesk.com',
    credentials: null,
    settings: {},
  })
  const clock = now
  now = t0 + startedMinute * 60_000
  const run = store.openRun('zd')
  store.finishRun(run)
  now = clock
}

beforeEach(() => {
  now = t0 + 60 * 60_000
  store = new TenantStore(openNodeSqlite(), { clock: { now: () => now } })
  store.migrate()
})

describe('alert rules in the derive', () => {
  it('an NPS 3 from an account with no connection (an import) raises one pending alert', () => {
    write([person(1, 0), nps(10, 1, 30, 3)])
    const alerts = alertsOf()
    expect(alerts.map((a) => [a.rule, a.status, a.score])).toEqual([
      ['nps_detractor', 'pending', 3],
    ])
    expect(alerts[0]!.id).toBe(alertId('nps_detractor', 'zendesk:acme:nps_response:10'))
    expect(alerts[0]!.text).toContain('NPS 3')
    // Re-deriving everyone (a settings change) raises nothing new.
    store.queueRederiveAll()
    derivePendingSlice(store, { now })
    expect(alertsOf()).toHaveLength(1)
  })

  it('an NPS 7 after a 9 raises nothing; the lowest CSAT option and a drop of 3 points do', () => {
    write([person(1, 0), nps(10, 1, 10, 9), nps(11, 1, 20, 7)])
    expect(alertsOf()).toEqual([])
    write([response(12, 1, null, 25, { score: 0, normalised: 0 })])
    expect(alertsOf().map((a) => [a.rule, a.score])).toEqual([['csat_lowest', 0]])
    write([nps(13, 1, 30, 10), nps(14, 1, 40, 7)])
    expect(alertsOf()[0]).toMatchObject({ rule: 'nps_drop', score: 7, previousScore: 10 })
    expect(alertsOf()).toHaveLength(2)
  })

  it('one answer, one alert: a detractor that also fell says so in its text', () => {
    write([person(1, 0), nps(10, 1, 10, 8), nps(11, 1, 20, 3)])
    const alerts = alertsOf()
    expect(alerts.map((a) => [a.rule, a.score, a.previousScore])).toEqual([['nps_detractor', 3, 8]])
    expect(alerts[0]!.text).toContain('answered NPS 3 (0–10), down from 8')
  })

  it('answers outside the window raise nothing', () => {
    now = t0 + 26 * 60 * 60_000
    write([person(1, 0), nps(10, 1, 30, 3)])
    expect(alertsOf()).toEqual([])
  })

  it("a first sync's history is suppressed, and never raised by a later derive", () => {
    store.putConnection({
      id: 'zd',
      source: 'zendesk',
      account: 'acme',
      baseUrl: 'https://acme.zendesk.com',
      credentials: null,
      settings: {},
    })
    store.openRun('zd')
    write([person(1, 0), nps(10, 1, 30, 3)])
    expect(alertsOf().map((a) => [a.status, a.reason])).toEqual([['suppressed', 'backfill']])
    expect(store.countPendingAlerts()).toBe(0)
    store.finishRun(store.openRun('zd'))
    store.queueRederiveAll()
    derivePendingSlice(store, { now })
    expect(alertsOf().map((a) => a.status)).toEqual(['suppressed'])
  })

  it('after the first sync, a new answer raises; one from before that sync started does not', () => {
    connectAndFinishFirstRun(20)
    write([person(1, 0), nps(10, 1, 10, 2), nps(11, 1, 50, 3)])
    const alerts = alertsOf()
    expect(alerts.map((a) => [a.score, a.status])).toEqual([
      [3, 'pending'],
      [2, 'suppressed'],
    ])
  })

  it('raiseBackfill asks for the history in the window', () => {
    store.putAlertRules({ ...DEFAULT_ALERT_RULES, raiseBackfill: true })
    connectAndFinishFirstRun(20)
    write([person(1, 0), nps(10, 1, 10, 2)])
    expect(alertsOf().map((a) => a.status)).toEqual(['pending'])
  })

  it('a rule switched on later raises nothing for answers before it was switched on', () => {
    const off = {
      ...DEFAULT_ALERT_RULES,
      npsDetractor: { ...DEFAULT_ALERT_RULES.npsDetractor, enabled: false },
    }
    store.putAlertRules(off)
    write([person(1, 0), nps(10, 1, 10, 2)])
    expect(alertsOf()).toEqual([])
    store.putAlertRules(withEnabledSince(off, DEFAULT_ALERT_RULES, t0 + 30 * 60_000))
    write([nps(11, 1, 40, 1)])
    expect(alertsOf().map((a) => a.score)).toEqual([1])
  })

  it('a settled alert leaves the pending queue', () => {
    write([person(1, 0), nps(10, 1, 30, 3)])
    const [alert] = store.pendingAlerts()
    store.settleAlert(alert!.id, 'delivered', null)
    expect(store.countPendingAlerts()).toBe(0)
    expect(store.getAlert(alert!.id)!.status).toBe('delivered')
  })
})
