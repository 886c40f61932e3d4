import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { refKey, type FrictionPoint, type SourceRef, type Ticket } from '../model/index.ts'
import { activityIndex } from './activity.ts'
import { groupPoints } from './group.ts'
import { DAYS, ago, response, ticket, timeline } from './records.fixtures.ts'

const SUBJECTS = ['Refund missing', 'Refund late', 'Parcel damaged', 'Password reset', 'Ticket']
const tickets: Ticket[] = SUBJECTS.flatMap((subject, s) =>
  [0, 1].map((n) => ticket(`${s}${n}`, { subject, createdAt: ago((30 - s * 2 - n) * DAYS) })),
)
const answers = [response('c1', 'csat', 1, { ticket: tickets[0]!.ref }), response('n1', 'nps', 2)]
const t = timeline({ tickets, responses: answers })
const refs: SourceRef[] = [...tickets.map((x) => x.ref), ...answers.map((r) => r.ref)]

const point = (id: string, evidence: SourceRef[], kind: FrictionPoint['kind'] = 'escalation') =>
  ({
    id,
    kind,
    severity: 'high',
    since: ago(5 * DAYS),
    open: true,
    reason: id,
    params: {},
    evidence: evidence as FrictionPoint['evidence'],
  }) satisfies FrictionPoint
const group = (points: FrictionPoint[]) =>
  groupPoints(points, activityIndex(t), { allTickets: t.tickets })
const ids = (groups: ReturnType<typeof group>) =>
  groups.map((g) => g.points.map((p) => p.id).sort()).sort()

describe('groupPoints', () => {
  it('keeps every piece of evidence and every point, each point in exactly one group', () => {
    const arbitraryPoints = fc
      .array(fc.uniqueArray(fc.constantFrom(...refs), { minLength: 1, maxLength: 4 }), {
        minLength: 0,
        maxLength: 12,
      })
      .map((evidences) => evidences.map((evidence, i) => point(`p${i}`, evidence)))
    fc.assert(
      fc.property(arbitraryPoints, (points) => {
        const groups = group(points)
        const grouped = groups.flatMap((g) => g.points.map((p) => p.id))
        expect([...grouped].sort()).toEqual(points.map((p) => p.id).sort())
        for (const g of groups) {
          const own = new Set(g.points.flatMap((p) => p.evidence.map(refKey)))
          expect(new Set(g.evidence.map(refKey))).toEqual(own) // all of it, nothing foreign
          expect(g.evidence.length).toBe(own.size) // once each
        }
        const everyRef = new Set(points.flatMap((p) => p.evidence.map(refKey)))
        expect(new Set(groups.flatMap((g) => g.evidence.map(refKey)))).toEqual(everyRef)
      }),
    )
  })

  it('groups points on the same ticket, and the rating of that ticket with them', () => {
    const [a, b] = [tickets[4]!.ref, tickets[0]!.ref]
    const groups = group([
      point('wait', [a], 'waiting_too_long'),
      point('esc', [a]),
      point('csat', [answers[0]!.ref, b], 'low_csat'),
      point('slow', [b], 'slow_first_reply'),
    ])
    expect(ids(groups)).toEqual([
      ['csat', 'slow'],
      ['esc', 'wait'],
    ])
  })

  it('groups tickets on the same topic and leaves other topics and subjectless tickets apart', () => {
    const byId = (id: string) => tickets.find((x) => x.ref.id === id)!.ref
    const groups = group([
      point('refund-missing', [byId('00')]),
      point('refund-late', [byId('11')]),
      point('parcel', [byId('20')]),
      point('password', [byId('30')]),
      point('no-topic-a', [byId('40')]),
      point('no-topic-b', [byId('41')]),
      point('nps', [answers[1]!.ref], 'nps_detractor'),
    ])
    expect(ids(groups)).toEqual([
      ['no-topic-a'],
      ['no-topic-b'],
      ['nps'],
      ['parcel'],
      ['password'],
      ['refund-late', 'refund-missing'],
    ])
    const refund = groups.find((g) => g.points.length === 2)!
    expect(refund.tickets.map((x) => x.ref.id)).toEqual(['00', '11'])
    expect(refund.points.map((p) => p.id)).toEqual(['refund-late', 'refund-missing'])
  })
})
