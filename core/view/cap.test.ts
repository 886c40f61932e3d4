import { describe, expect, it } from 'vitest'
import { buildCustomer, clusterPeople } from '../identity/index.ts'
import { zdUser } from '../identity/person.fixtures.ts'
import { DAYS, NOW, ago, requester, response, ticket } from '../friction/records.fixtures.ts'
import { CustomerView, DEFAULT_SETTINGS, type SurveyResponse, type Ticket } from '../model/index.ts'
import { VIEW_CAPS } from './cap.ts'
import { deriveView } from './derive-view.ts'

const person = zdUser(requester.id, { name: 'Busy', emails: ['busy@x.com'] })
const customer = buildCustomer(clusterPeople([person])[0]!, [])

const viewOf = (tickets: Ticket[], responses: SurveyResponse[]) =>
  deriveView({
    customer,
    people: [person],
    tickets,
    responses,
    settings: DEFAULT_SETTINGS,
    now: NOW,
    freshness: [],
  })

/** The busiest customer: thousands of tickets (many open, reopened, slow) and answers of every kind. */
function busiest(n: number) {
  const tickets = Array.from({ length: n }, (_, i) =>
    ticket(String(i + 1), {
      subject: `Printer jams again on floor ${i % 40}`,
      status: i % 3 === 0 ? 'open' : 'solved',
      sourceStatus: i % 3 === 0 ? 'open' : 'solved',
      createdAt: ago((i % 300) * DAYS + 2 * DAYS),
      updatedAt: ago((i % 300) * DAYS + DAYS),
      solvedAt: i % 3 === 0 ? null : ago((i % 300) * DAYS + DAYS),
      reopens: i % 5,
      fullResolutionMinutes: 10_000,
    }),
  )
  const kinds = ['nps', 'csat', 'ces'] as const
  const responses = Array.from({ length: n / 2 }, (_, i) => {
    const kind = kinds[i % 3]!
    const score = kind === 'nps' ? i % 11 : kind === 'csat' ? 1 + (i % 5) : 1 + (i % 7)
    return response(`r${i}`, kind, score, {
      submittedAt: ago((i % 700) * DAYS + i * 1000),
      comment: i % 2 ? `The printer still jams and nobody calls back, ticket ${i}` : null,
    })
  })
  return { tickets, responses }
}

describe('capView (through deriveView)', () => {
  it("keeps the busiest customer's view small, with totals and figures over every record", () => {
    const { tickets, responses } = busiest(6000)
    const view = viewOf(tickets, responses)
    expect(CustomerView.parse(view)).toEqual(view)
    const bytes = new TextEncoder().encode(JSON.stringify(view)).length
    expect(bytes).toBeLessThan(100_000)
    expect(view.nps.responses).toHaveLength(VIEW_CAPS.responses)
    expect(view.nps.total).toBe(1000)
    expect(view.csat.total).toBe(1000)
    expect(view.ces.total).toBe(1000)
    expect(view.tickets.open).toHaveLength(VIEW_CAPS.openTickets)
    expect(view.tickets.openTotal).toBe(2000)
    expect(view.tickets.total).toBe(6000)
    expect(view.friction.length).toBeLessThanOrEqual(VIEW_CAPS.friction)
    expect(view.frictionTotal).toBeGreaterThanOrEqual(view.friction.length)
    // The kept answers are the most recent ones, still oldest first.
    const npsAll = responses
      .filter((r) => r.kind === 'nps')
      .sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt))
    expect(view.nps.responses.map((r) => r.ref.id)).toEqual(
      npsAll.slice(-VIEW_CAPS.responses).map((r) => r.ref.id),
    )
    expect(view.nps.latest?.at).toBe(npsAll.at(-1)!.submittedAt)
  })

  it('computes figures over every answer, not only the kept ones', () => {
    // 40 old satisfied answers, then 30 recent unsatisfied ones: the kept 30 are all unsatisfied.
    const old = Array.from({ length: 40 }, (_, i) =>
      response(`o${i}`, 'csat', 5, { submittedAt: ago(200 * DAYS + i * 1000) }),
    )
    const recent = Array.from({ length: 30 }, (_, i) =>
      response(`n${i}`, 'csat', 1, { submittedAt: ago(DAYS + i * 1000) }),
    )
    const view = viewOf([], [...old, ...recent])
    expect(view.csat.responses.every((r) => r.score === 1)).toBe(true)
    expect(view.csat.total).toBe(70)
    expect(view.csat.satisfiedPercent).toBe(57.1)
  })

  it('leaves a small view whole', () => {
    const view = viewOf(
      [ticket('1', { status: 'open', sourceStatus: 'open', solvedAt: null })],
      [response('n1', 'nps', 9)],
    )
    expect(view.tickets.open).toHaveLength(1)
    expect(view.tickets.openTotal).toBe(1)
    expect(view.nps.total).toBe(1)
  })
})
