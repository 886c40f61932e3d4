import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildCustomer, clusterPeople } from '../identity/index.ts'
import { hsContact, zdUser } from '../identity/person.fixtures.ts'
import { DAYS, NOW, ago, requester, response, ticket } from '../friction/records.fixtures.ts'
import { CustomerView, DEFAULT_SETTINGS } from '../model/index.ts'
import { deriveView, FOCUS_GROUPS_MAX } from './derive-view.ts'

const jane = zdUser(requester.id, { name: 'Jane', emails: ['jane@x.com'] })
const janeOld = hsContact('99', { deleted: true, mergedInto: jane.ref })
const stranger = zdUser('2', { emails: ['s@y.com'] })
const people = [jane, janeOld]
const [cluster] = clusterPeople([...people, stranger])
const customer = buildCustomer(cluster!, [])
const freshness = [{ source: 'zendesk' as const, account: 'acme', lastSyncedAt: ago(60_000) }]

const other = { id: 'csat-other', name: null, channel: null }

const view = (tickets = [ticket('1')], responses = [response('n1', 'nps', 9)]) =>
  deriveView({
    customer,
    people,
    tickets,
    responses,
    settings: DEFAULT_SETTINGS,
    now: NOW,
    freshness,
  })

describe('deriveView', () => {
  it('produces a valid CustomerView with everything passed through', () => {
    const v = view()
    expect(CustomerView.parse(v)).toEqual(v)
    expect(v.customer).toBe(customer)
    expect(v.freshness).toBe(freshness)
    expect(v.generatedAt).toBe('2026-06-15T12:00:00.000Z')
  })

  it('lists NPS oldest first with categories, the latest answer and the trend', () => {
    const v = view(
      [],
      [
        response('n3', 'nps', 5, { submittedAt: ago(1 * DAYS) }),
        response('n1', 'nps', 9, { submittedAt: ago(300 * DAYS) }),
        response('n2', 'nps', 7, { submittedAt: ago(100 * DAYS) }),
      ],
    )
    expect(v.nps.responses.map((r) => [r.score, r.category])).toEqual([
      [9, 'promoter'],
      [7, 'passive'],
      [5, 'detractor'],
    ])
    expect(v.nps.latest).toEqual({ score: 5, category: 'detractor', at: ago(1 * DAYS) })
    expect(v.nps.trend).toBe(-2)
    expect(view([], []).nps).toEqual({ responses: [], total: 0, latest: null, trend: null })
    expect(view([], [response('n1', 'nps', 9)]).nps.trend).toBeNull()
  })

  it('computes CSAT overall and recent rates and the CES average', () => {
    const v = view(
      [],
      [
        response('c1', 'csat', 5, { submittedAt: ago(200 * DAYS) }), // satisfied, old
        response('c2', 'csat', 3, { submittedAt: ago(20 * DAYS) }), // neutral
        response('c3', 'csat', 4, { submittedAt: ago(10 * DAYS) }), // satisfied
        response('e1', 'ces', 7), // normalised 1
        response('e2', 'ces', 4), // normalised 0.5
      ],
    )
    expect(v.csat.responses.map((r) => r.category)).toEqual(['satisfied', 'neutral', 'satisfied'])
    expect(v.csat.satisfiedPercent).toBe(66.7)
    expect(v.csat.recentSatisfiedPercent).toBe(50)
    expect(v.csat.averageNormalised).toBe(0.75) // (1 + 0.5 + 0.75) / 3
    expect(v.ces.averageNormalised).toBe(0.75)
    expect(v.ces.responses.map((r) => r.category)).toEqual(['satisfied', 'neutral'])
  })

  it('counts only the latest answer of a ticket rated twice through the same survey', () => {
    const rated = ticket('7').ref
    const v = view(
      [ticket('7')],
      [
        response('c1', 'csat', 1, { submittedAt: ago(20 * DAYS), ticket: rated }), // superseded
        response('c2', 'csat', 5, { submittedAt: ago(5 * DAYS), ticket: rated }), // re-rated
        response('c3', 'csat', 2, { submittedAt: ago(4 * DAYS), ticket: rated, survey: other }),
      ],
    )
    expect(v.csat.responses.map((r) => r.ref.id)).toEqual(['c2', 'c3'])
    expect(v.csat.satisfiedPercent).toBe(50)
  })

  it('splits tickets into open (freshest first) and recent (newest solved first, 20 at most)', () => {
    const open = [
      ticket('o1', { status: 'open', solvedAt: null, updatedAt: ago(3 * DAYS) }),
      ticket('o2', { status: 'pending', solvedAt: null, updatedAt: ago(1 * DAYS) }),
      ticket('o3', { status: 'on_hold', solvedAt: null, updatedAt: ago(2 * DAYS) }),
    ]
    const solved = Array.from({ length: 25 }, (_, i) =>
      ticket(`s${i}`, { solvedAt: ago((i + 1) * DAYS), status: i % 2 ? 'closed' : 'solved' }),
    )
    const old = ticket('old', { solvedAt: ago(91 * DAYS) })
    const gone = ticket('gone', { status: 'deleted' })
    const v = view([...solved, old, gone, ...open], [])
    expect(v.tickets.open.map((t) => t.ref.id)).toEqual(['o2', 'o3', 'o1'])
    expect(v.tickets.recent.map((t) => t.ref.id)).toEqual(solved.slice(0, 20).map((t) => t.ref.id))
    expect(v.tickets.total).toBe(29)
  })

  it('folds in the merged-away identity’s records and ignores other people’s', () => {
    const fromMerged = ticket('m1', { requester: janeOld.ref })
    const fromStranger = ticket('x1', { requester: stranger.ref })
    const anonymousOnJaneTicket = response('c9', 'csat', 1, {
      respondent: null,
      ticket: fromMerged.ref,
    })
    const anonymousElsewhere = response('c8', 'csat', 1, {
      respondent: null,
      ticket: fromStranger.ref,
    })
    const v = view([fromMerged, fromStranger], [anonymousOnJaneTicket, anonymousElsewhere])
    expect(v.tickets.recent.map((t) => t.ref.id)).toEqual(['m1'])
    expect(v.csat.responses.map((r) => r.ref.id)).toEqual(['c9'])
    expect(v.friction.map((f) => f.id)).toEqual(['low_csat:import:surveys:csat_response:c9'])
    expect(v.friction[0]?.evidence[1]?.url).toBe(fromMerged.ref.url)
  })

  it('keeps the newest version of a record passed twice and hides deleted answers', () => {
    const older = ticket('1', {
      subject: 'old',
      updatedAt: ago(10 * DAYS),
      solvedAt: ago(10 * DAYS),
    })
    const newer = ticket('1', { subject: 'new', updatedAt: ago(5 * DAYS), solvedAt: ago(5 * DAYS) })
    const v = view([newer, older], [response('n1', 'nps', 3, { deleted: true })])
    expect(v.tickets.recent.map((t) => t.subject)).toEqual(['new'])
    expect(v.nps.responses).toEqual([])
    expect(v.friction).toEqual([])
  })

  it('shows every open friction point but closed ones only from the recent window', () => {
    const escalated = (id: string, daysAgo: number, status: 'open' | 'solved') =>
      ticket(id, { priority: 'urgent', status, createdAt: ago(daysAgo * DAYS), solvedAt: null })
    const v = view(
      [
        escalated('old-open', 400, 'open'),
        escalated('old', 91, 'solved'),
        escalated('new', 89, 'solved'),
      ],
      [],
    )
    expect(v.friction.map((f) => [f.kind, f.evidence[0]?.id, f.open])).toEqual([
      ['waiting_too_long', 'old-open', true], // high too, and since more recently
      ['escalation', 'old-open', true],
      ['escalation', 'new', false],
    ])
  })

  it('gives the same view whatever order the records arrive in', () => {
    const tickets = [
      ticket('a', { subject: 'Refund missing', createdAt: ago(6 * DAYS), solvedAt: ago(5 * DAYS) }),
      ticket('b', {
        subject: 'Refund late',
        channel: 'chat',
        createdAt: ago(3 * DAYS),
        status: 'open',
        solvedAt: null,
      }),
      ticket('c', { priority: 'urgent', createdAt: ago(2 * DAYS), solvedAt: ago(1 * DAYS) }),
      ticket('d', { reopens: 2, createdAt: ago(3 * DAYS), solvedAt: ago(1 * DAYS) }),
    ]
    const responses = [
      response('n1', 'nps', 9, { submittedAt: ago(200 * DAYS) }),
      response('n2', 'nps', 4, { submittedAt: ago(2 * DAYS), comment: 'Slow' }),
      response('c1', 'csat', 2, { submittedAt: ago(1 * DAYS), ticket: tickets[2]!.ref }),
    ]
    const reference = view(tickets, responses)
    expect(reference.friction.length).toBeGreaterThan(5)
    fc.assert(
      fc.property(
        fc.shuffledSubarray(tickets, { minLength: tickets.length }),
        fc.shuffledSubarray(responses, { minLength: responses.length }),
        (t, r) => {
          expect(view(t, r)).toEqual(reference)
        },
      ),
      { numRuns: 20 },
    )
  })

  it('ranks open friction into groups with the customer’s risk, at most 10 stored, all counted', () => {
    const waiting = (i: number) =>
      ticket(`w${i}`, {
        subject: String.fromCharCode(97 + i).repeat(4), // a topic of its own
        status: 'open',
        solvedAt: null,
        createdAt: ago((i + 3) * DAYS),
        updatedAt: ago((i + 3) * DAYS),
        requesterUpdatedAt: ago((i + 3) * DAYS),
      })
    const escalated = ticket('esc', {
      subject: 'Account locked',
      priority: 'urgent',
      tags: ['escalation'],
      status: 'pending',
      solvedAt: null,
      createdAt: ago(60 * DAYS),
      updatedAt: ago(1 * DAYS),
    })
    const tickets = [...Array.from({ length: 12 }, (_, i) => waiting(i)), escalated]
    const v = view(tickets, [response('n1', 'nps', 3, { comment: 'Charged twice' })])
    const focus = v.focus!
    expect(focus.total).toBe(14) // 12 waits, the escalation, the detractor's answer and comment
    expect(focus.groups).toHaveLength(FOCUS_GROUPS_MAX)
    expect(focus.groups[0]).toMatchObject({
      severity: 'critical',
      kinds: ['escalation'],
      topic: 'Account locked',
      nextStep: { action: 'own_escalation', ticket: escalated.ref },
    })
    const open = new Set(v.friction.filter((f) => f.open).map((f) => f.id))
    for (const g of focus.groups) for (const id of g.points) expect(open.has(id)).toBe(true)
    expect(focus.risk.level).toBe('at_risk')
    expect(focus.risk.reasons.map((r) => r.code)).toEqual([
      'critical_friction',
      'nps_detractor',
      'high_friction',
      'open_friction',
    ])
    expect(v.verbatims).toEqual({
      total: 1,
      items: [expect.objectContaining({ score: 3, comment: 'Charged twice', themes: ['billing'] })],
    })
  })

  it('still reads a view stored before focus and verbatims existed', () => {
    const { focus, verbatims, ...before } = view()
    expect(focus).toEqual({
      groups: [],
      total: 0,
      agedOut: 0,
      risk: { level: 'fine', reasons: [] },
    })
    expect(verbatims).toEqual({ items: [], total: 0 })
    expect(CustomerView.parse(JSON.parse(JSON.stringify(before)))).toEqual(before)
  })
})
