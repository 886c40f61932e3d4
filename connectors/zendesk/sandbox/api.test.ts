import { describe, expect, it } from 'vitest'
import { createZendeskSandbox } from './app.ts'
import { get, walkExport } from './testing.ts'

const NOW = Date.parse('2026-01-15T09:00:00Z')
const fresh = (options = {}) =>
  createZendeskSandbox({ users: 300, tickets: 2000, now: NOW, ...options })
const TICKETS = '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=10'

describe('auth', () => {
  it('refuses missing or wrong credentials with Zendesk error bodies', async () => {
    const sandbox = fresh()
    const none = await sandbox.app.request(`http://s.test${TICKETS}`)
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({ error: "Couldn't authenticate you" })
    const wrong = `Basic ${Buffer.from(`${sandbox.credentials.email}/token:nope`).toString('base64')}`
    expect((await get(sandbox, TICKETS, { authorization: wrong })).status).toBe(401)
    const guide = await get(sandbox, '/api/v2/guide/survey_responses', {
      authorization: 'Bearer nope',
    })
    expect(guide.status).toBe(401)
    expect(guide.body.errors[0].code).toBe('Unauthorized')
  })

  it('accepts an API token (Basic) and an OAuth token (Bearer)', async () => {
    const sandbox = fresh()
    expect((await get(sandbox, TICKETS)).status).toBe(200)
    expect(
      (await get(sandbox, TICKETS, { authorization: sandbox.authHeaders.bearer })).status,
    ).toBe(200)
    expect(
      (await get(sandbox, TICKETS, { authorization: 'Bearer sandbox-oauth-token' })).status,
    ).toBe(200)
  })
})

describe('rate limits', () => {
  it('allows 10 incremental exports a minute, then 429 with Retry-After until the window turns', async () => {
    const sandbox = fresh()
    sandbox.setClock(NOW + 120_000 - ((NOW + 120_000) % 60_000)) // the start of a minute
    for (let i = 0; i < 10; i++) expect((await get(sandbox, TICKETS)).status).toBe(200)
    const refused = await get(sandbox, TICKETS)
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('60')
    // Other endpoints draw only from the account bucket.
    expect((await get(sandbox, '/api/v2/satisfaction_ratings?page[size]=1')).status).toBe(200)
    sandbox.advance(30_000)
    expect((await get(sandbox, TICKETS)).headers.get('retry-after')).toBe('30')
    sandbox.advance(30_000)
    expect((await get(sandbox, TICKETS)).status).toBe(200)
  })

  it('counts the account limit and reports it in headers', async () => {
    const sandbox = fresh({ rateLimits: { account: 3, incremental: false } })
    sandbox.setClock(NOW - (NOW % 60_000) + 120_000)
    const first = await get(sandbox, TICKETS)
    expect(first.headers.get('x-rate-limit')).toBe('3')
    expect(first.headers.get('x-rate-limit-remaining')).toBe('2')
    await get(sandbox, TICKETS)
    await get(sandbox, TICKETS)
    const refused = await get(sandbox, '/api/v2/guide/survey_responses')
    expect(refused.status).toBe(429)
    expect(refused.headers.get('x-rate-limit-remaining')).toBe('0')
    sandbox.setRateLimits({ account: false })
    expect((await get(sandbox, TICKETS)).status).toBe(200)
  })

  it('shrinks the minute with timeScale', async () => {
    const sandbox = fresh({ rateLimits: { incremental: 1, timeScale: 60 } })
    sandbox.setClock(NOW + 120_000)
    expect((await get(sandbox, TICKETS)).status).toBe(200)
    expect((await get(sandbox, TICKETS)).status).toBe(429)
    sandbox.advance(1000)
    expect((await get(sandbox, TICKETS)).status).toBe(200)
  })
})

describe('knobs', () => {
  it('fails the next requests, storms 429s, and counts requests per endpoint', async () => {
    const sandbox = fresh({ rateLimits: { incremental: false } })
    sandbox.faults.failNext(2, 503)
    sandbox.faults.rateLimitStorm(1, 7)
    expect((await get(sandbox, TICKETS)).status).toBe(503)
    expect((await get(sandbox, TICKETS)).status).toBe(503)
    const storm = await get(sandbox, TICKETS)
    expect([storm.status, storm.headers.get('retry-after')]).toEqual([429, '7'])
    expect((await get(sandbox, TICKETS)).status).toBe(200)
    expect(sandbox.state.requests.byEndpoint['GET /api/v2/incremental/tickets/cursor.json']).toBe(4)
    expect(sandbox.state.requests.byStatus).toEqual({ '503': 2, '429': 1, '200': 1 })
    sandbox.resetCounters()
    expect(sandbox.state.requests.total).toBe(0)
  })

  it('fails a seeded share of requests with a probability', async () => {
    const sandbox = fresh({ rateLimits: { incremental: false } })
    sandbox.faults.setFailureProbability(0.5, 500)
    const statuses = []
    for (let i = 0; i < 40; i++) statuses.push((await get(sandbox, TICKETS)).status)
    expect(statuses.filter((s) => s === 500).length).toBeGreaterThan(5)
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(5)
  })

  it('injects a malformed record into the next page only', async () => {
    const sandbox = fresh({ rateLimits: { incremental: false } })
    sandbox.faults.injectMalformed('tickets', 'bad_id')
    sandbox.faults.injectMalformed('users', 'missing_created_at')
    const page = await get(sandbox, TICKETS)
    expect(page.body.tickets).toHaveLength(11)
    expect(page.body.tickets.filter((t: { id: unknown }) => typeof t.id !== 'number')).toHaveLength(
      1,
    )
    const users = await get(
      sandbox,
      '/api/v2/incremental/users/cursor.json?start_time=0&per_page=5',
    )
    expect(users.body.users.filter((u: object) => !('created_at' in u))).toHaveLength(1)
    expect((await get(sandbox, TICKETS)).body.tickets).toHaveLength(10)
  })
})

describe('mutations and ground truth', () => {
  it('shows new, updated and deleted tickets to a poll from the last after_cursor', async () => {
    const sandbox = fresh({ rateLimits: { incremental: false } })
    sandbox.advance(120_000)
    const first = await walkExport(sandbox, '/api/v2/incremental/tickets/cursor.json?start_time=0')
    sandbox.advance(60_000)
    const change = sandbox.mutate({ newTickets: 5, updatedTickets: 20, deletedTickets: 3 })
    sandbox.advance(61_000)
    const next = await walkExport(
      sandbox,
      `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(first.at(-1)!.after_cursor)}`,
    )
    type Row = { id: number; status: string; generated_timestamp: number }
    const seen = new Map<number, Row>(
      next.flatMap((p) => p.tickets.map((t: Row) => [t.id, t] as const)),
    )
    for (const id of [
      ...change.tickets.created,
      ...change.tickets.updated,
      ...change.tickets.deleted,
    ])
      expect(seen.has(id)).toBe(true)
    for (const id of change.tickets.deleted) expect(seen.get(id)?.status).toBe('deleted')
    for (const t of seen.values())
      expect(t.generated_timestamp).toBeGreaterThanOrEqual(
        first.at(-1)!.tickets.at(-1).generated_timestamp,
      )
  })

  it('merges users: the loser is deleted and its tickets move to the winner', async () => {
    const sandbox = fresh()
    const requesters = new Set(
      [...sandbox.state.account.tickets.values()].map((t) => t.requester_id),
    )
    let merge
    for (let i = 0; i < 20 && !merge; i++) {
      const m = sandbox.mutate({ userMerges: 1 }).users.merged[0]!
      if (requesters.has(m.loser)) merge = m
    }
    expect(merge).toBeDefined()
    const truth = sandbox.groundTruth()
    expect(truth.users.find((u) => u.id === merge!.loser)!.active).toBe(false)
    expect(truth.tickets.some((t) => t.requester_id === merge!.loser)).toBe(false)
    expect(truth.tickets.some((t) => t.requester_id === merge!.winner)).toBe(true)
  })

  it('ends a full walk of every stream with exactly the ground truth', async () => {
    const sandbox = fresh({ rateLimits: { account: false, incremental: false } })
    sandbox.mutate({
      newTickets: 10,
      updatedTickets: 30,
      deletedTickets: 5,
      userMerges: 2,
      newUsers: 3,
      newRatings: 4,
      newSurveyResponses: 4,
      updatedOrganizations: 2,
    })
    sandbox.advance(120_000)
    const truth = sandbox.groundTruth()
    const latest = <T extends { id: number | string }>(items: T[]) =>
      [...new Map(items.map((i) => [i.id, i])).values()].sort((a, b) => (a.id < b.id ? -1 : 1))
    const tickets = await walkExport(
      sandbox,
      '/api/v2/incremental/tickets/cursor.json?start_time=0&include=metric_sets',
    )
    expect(latest(tickets.flatMap((p) => p.tickets))).toEqual(truth.tickets)
    const metrics = latest(tickets.flatMap((p) => p.metric_sets)).sort(
      (a: any, b: any) => a.ticket_id - b.ticket_id,
    )
    expect(metrics).toEqual(truth.metricSets)
    const users = await walkExport(sandbox, '/api/v2/incremental/users/cursor.json?start_time=0')
    expect(latest(users.flatMap((p) => p.users))).toEqual(truth.users)

    const ratings = []
    let url: string | null = '/api/v2/satisfaction_ratings?page[size]=100'
    while (url) {
      const { body } = await get(sandbox, url)
      ratings.push(...body.satisfaction_ratings)
      url = body.meta.has_more ? body.links.next : null
    }
    expect(latest(ratings)).toEqual(truth.satisfactionRatings)

    const responses = []
    let after: string | null = null
    do {
      const { body } = await get(
        sandbox,
        `/api/v2/guide/survey_responses?page[size]=50${after ? `&page[after]=${after}` : ''}`,
      )
      responses.push(...body.survey_responses)
      after = body.meta.has_more ? body.meta.after_cursor : null
    } while (after)
    expect(latest(responses)).toEqual(truth.surveyResponses)
  })
})
