import { describe, expect, it } from 'vitest'
import { refKey, UnifiedRecord, type SurveyResponse } from '../../core/model/index.ts'
import {
  MapError,
  type Connector,
  type FetchContext,
  type HttpClient,
} from '../../core/sync/types.ts'
import { createZendeskConnector } from './index.ts'
import { createZendeskSandbox, type ZendeskSandbox } from './sandbox/app.ts'

const NOW = Date.parse('2026-01-15T09:00:00Z')
const BASE = 'http://sandbox.test'

/** A minimal engine stand-in: the sandbox app behind an HttpClient, cursors and a keyed store. */
function harness(sandbox: ZendeskSandbox) {
  const requests: string[] = []
  const http: HttpClient = {
    async json<T>(url: string, init: RequestInit & { endpoint: string }) {
      requests.push(init.endpoint)
      const response = await sandbox.app.request(url, init)
      if (!response.ok) throw new Error(`${init.endpoint} answered ${response.status}`)
      return (await response.json()) as T
    },
  }
  // The connection's cache, kept across runs as the store keeps it (change hints, survey versions).
  const cached = new Map<string, string>()
  const ctx: FetchContext = {
    http,
    now: () => sandbox.state.now(),
    cache: {
      get: (key) => cached.get(key) ?? null,
      set: (key, value) => void cached.set(key, value),
    },
  }
  const connector: Connector = createZendeskConnector({
    account: 'acme',
    baseUrl: BASE,
    auth: {
      kind: 'api_token',
      email: sandbox.credentials.email,
      token: sandbox.credentials.apiToken,
    },
    pageSize: 200,
  })
  const cursors = new Map<string, string | null>()
  const records = new Map<string, UnifiedRecord>()
  const quarantined: { stream: string; id: string; reason: string }[] = []

  /** Runs every stream to its present, as the engine would: map each item, keep the newest. */
  async function sync(): Promise<void> {
    for (const stream of connector.streams) {
      for (let pages = 0; ; pages++) {
        if (pages > 500) throw new Error(`${stream.name} never reached its present`)
        const page = await stream.fetchPage(cursors.get(stream.name) ?? null, ctx)
        for (const item of page.items) {
          try {
            for (const record of stream.map(item)) keep(UnifiedRecord.parse(record))
          } catch (error) {
            if (!(error instanceof MapError)) throw error
            quarantined.push({ stream: stream.name, id: stream.idOf(item), reason: error.message })
          }
        }
        cursors.set(stream.name, page.cursor)
        if (page.done) break
      }
    }
  }

  function keep(record: UnifiedRecord): void {
    if (!('record' in record)) return
    const key = refKey(record.record.ref)
    const existing = records.get(key)
    if (existing && 'record' in existing && existing.record.updatedAt > record.record.updatedAt)
      return
    records.set(key, record)
  }

  const of = <K extends UnifiedRecord['kind']>(kind: K) =>
    [...records.values()].filter((r): r is Extract<UnifiedRecord, { kind: K }> => r.kind === kind)

  return { sync, of, requests, quarantined, cursors }
}

const STATUS: Record<string, string> = {
  new: 'open',
  open: 'open',
  pending: 'pending',
  hold: 'on_hold',
  solved: 'solved',
  closed: 'closed',
  deleted: 'deleted',
}

/**
 * `merged` (loser → winner): a user merge re-points survey responses to the winner without any
 * sign in the list (no update time), so a response read before the merge keeps the loser; the
 * loser comes back deleted and identity resolution folds the two.
 */
function expectMatchesGroundTruth(
  sandbox: ZendeskSandbox,
  h: ReturnType<typeof harness>,
  merged = new Map<string, string>(),
) {
  const truth = sandbox.groundTruth()
  const byId = <R extends { ref: { id: string } }>(list: { record: R }[]) =>
    new Map(list.map((r) => [r.record.ref.id, r.record]))

  const orgs = byId(h.of('organisation'))
  expect([...orgs.keys()].sort()).toEqual(truth.organizations.map((o) => String(o.id)).sort())
  for (const o of truth.organizations) expect(orgs.get(String(o.id))?.deleted).toBe(!!o.deleted_at)

  const people = byId(h.of('person'))
  expect([...people.keys()].sort()).toEqual(truth.users.map((u) => String(u.id)).sort())
  for (const u of truth.users) {
    const p = people.get(String(u.id))
    expect(p?.deleted).toBe(!u.active)
    expect(p?.role).toBe(u.role === 'end-user' ? 'end_user' : u.role)
    expect(p?.emails).toEqual(u.email ? [u.email] : [])
  }

  const tickets = byId(h.of('ticket'))
  expect([...tickets.keys()].sort()).toEqual(truth.tickets.map((t) => String(t.id)).sort())
  const metrics = new Map(truth.metricSets.map((m) => [m.ticket_id, m]))
  for (const t of truth.tickets) {
    const mapped = tickets.get(String(t.id))
    expect(mapped?.status).toBe(STATUS[t.status])
    expect(mapped?.sourceStatus).toBe(t.status)
    expect(mapped?.reopens).toBe(metrics.get(t.id)?.reopens ?? 0)
  }

  const responses = h.of('survey_response').map((r) => r.record)
  const legacy = new Map(
    responses.filter((r) => r.ref.object === 'satisfaction_rating').map((r) => [r.ref.id, r]),
  )
  const answered = truth.satisfactionRatings.filter((r) => r.score === 'good' || r.score === 'bad')
  expect([...legacy.keys()].sort()).toEqual(answered.map((r) => String(r.id)).sort())
  for (const r of answered) {
    expect(legacy.get(String(r.id))?.score).toBe(r.score === 'good' ? 2 : 1)
    expect(legacy.get(String(r.id))?.ticket?.id).toBe(String(r.ticket_id))
  }

  const csat = new Map<string, SurveyResponse>(
    responses.filter((r) => r.ref.object === 'survey_response').map((r) => [r.ref.id, r]),
  )
  const pointsOf = new Map(
    truth.surveys.map((s) => [s.version, s.questions.find((q) => q.type.startsWith('rating'))]),
  )
  const rated = truth.surveyResponses.flatMap((r) => {
    const answer = r.answers.find((a) => a.type === 'rating_scale')
    return answer && 'rating' in answer ? [{ r, rating: answer.rating as number }] : []
  })
  expect([...csat.keys()].sort()).toEqual(rated.map(({ r }) => r.id).sort())
  for (const { r, rating } of rated) {
    const mapped = csat.get(r.id)
    const points = pointsOf.get(r.survey.version)?.options?.length
    expect(mapped?.score).toBe(rating)
    expect(mapped?.scale).toEqual({ min: 1, max: points })
    expect(mapped?.normalised).toBeCloseTo((rating - 1) / ((points ?? 2) - 1))
    expect(mapped?.ticket?.id).toBe(r.subjects[0]?.id)
    const respondent = mapped?.respondent?.id ?? ''
    expect(merged.get(respondent) ?? respondent).toBe(String(r.responder_id))
  }
}

describe('Zendesk connector against the sandbox', () => {
  it('syncs every stream to the ground truth, then picks up changes from its cursors', async () => {
    const sandbox = createZendeskSandbox({
      users: 150,
      tickets: 600,
      now: NOW,
      rateLimits: { account: false, incremental: false },
    })
    sandbox.advance(120_000) // past the export's one-minute exclusion
    const h = harness(sandbox)
    await h.sync()
    expect(h.quarantined).toEqual([])
    expectMatchesGroundTruth(sandbox, h)
    // The survey scale is learned once per survey version, not once per response.
    const shows = h.requests.filter((e) => /survey_responses\/[^/]+$/.test(e)).length
    expect(shows).toBeLessThanOrEqual(sandbox.groundTruth().surveys.length)

    const mutation = sandbox.mutate({
      newTickets: 5,
      updatedTickets: 20,
      deletedTickets: 3,
      newUsers: 4,
      updatedUsers: 5,
      userMerges: 2,
      updatedOrganizations: 2,
      deletedOrganizations: 1,
      newRatings: 4,
      changedRatings: 3,
      newSurveyResponses: 4,
    })
    expect(mutation.changedRatings).toHaveLength(3)
    sandbox.advance(120_000)
    const before = h.requests.length
    await h.sync()
    expect(h.quarantined).toEqual([])
    const merged = new Map(
      mutation.users.merged.map((m) => [String(m.loser), String(m.winner)] as const),
    )
    expectMatchesGroundTruth(sandbox, h, merged)
    // Resuming from cursors is incremental: a handful of calls, not a full re-walk.
    expect(h.requests.length - before).toBeLessThan(20)
  })

  it('quarantines malformed records and still commits the rest of the page', async () => {
    const sandbox = createZendeskSandbox({
      users: 40,
      tickets: 120,
      now: NOW,
      rateLimits: { account: false, incremental: false },
    })
    sandbox.advance(120_000)
    for (const stream of ['tickets', 'users', 'organizations', 'satisfaction_ratings'] as const)
      sandbox.faults.injectMalformed(stream, 'bad_id')
    sandbox.faults.injectMalformed('survey_responses', 'not_an_object')
    const h = harness(sandbox)
    await h.sync()
    expect(h.quarantined.map((q) => q.stream).sort()).toEqual([
      'organizations',
      'satisfaction_ratings',
      'survey_responses',
      'tickets',
      'users',
    ])
    for (const q of h.quarantined) expect(q.reason).not.toMatch(/@/)
    expectMatchesGroundTruth(sandbox, h)
  })
})
