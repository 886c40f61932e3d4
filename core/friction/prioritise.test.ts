import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FrictionPoint, Severity } from '../model/index.ts'
import { frictionPointsOf } from './derive-friction-points.ts'
import { prioritiseFriction, priorityScore, rank, type NpsSignal } from './prioritise.ts'
import { DAYS, NOW, ago, defaults, response, ticket, timeline } from './records.fixtures.ts'

const SEVERITIES: Severity[] = ['low', 'medium', 'high', 'critical']
const severity = fc.constantFrom(...SEVERITIES)
const nps = fc.record({
  trend: fc.option(fc.integer({ min: -10, max: 10 })),
  latest: fc.option(fc.integer({ min: 0, max: 10 })),
}) satisfies fc.Arbitrary<NpsSignal>

describe('priorityScore', () => {
  it('never ranks a more severe point under a less severe one of the same age', () => {
    fc.assert(
      fc.property(
        severity,
        severity,
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        nps,
        (a, b, ageDays, contactsA, contactsB, signal) => {
          fc.pre(SEVERITIES.indexOf(a) > SEVERITIES.indexOf(b))
          const lastActivity = NOW - ageDays * DAYS
          const score = (s: Severity, contacts: number) =>
            priorityScore({ severity: s, lastActivity, contacts }, signal, defaults, NOW)
          expect(score(a, contactsA)).toBeGreaterThan(score(b, contactsB))
        },
      ),
    )
  })

  it('ranks the fresher of two equal points first, and more contacts above fewer', () => {
    const score = (days: number, contacts: number) =>
      priorityScore(
        { severity: 'high', lastActivity: NOW - days * DAYS, contacts },
        { trend: null, latest: null },
        defaults,
        NOW,
      )
    expect(score(1, 1)).toBeGreaterThan(score(20, 1))
    expect(score(20, 1)).toBeCloseTo(score(50, 1) * 2, 5) // halves every 30 days
    expect(score(1, 4)).toBeGreaterThan(score(1, 1))
    expect(score(1, 50)).toBe(score(1, 5)) // capped: a point cannot climb a severity
  })

  it('weighs a falling NPS: a customer going from 9 to 4 outranks a steady one', () => {
    const at = (signal: NpsSignal) =>
      priorityScore({ severity: 'medium', lastActivity: NOW, contacts: 1 }, signal, defaults, NOW)
    expect(at({ trend: -5, latest: 4 })).toBeGreaterThan(at({ trend: -1, latest: 8 }))
    expect(at({ trend: -1, latest: 8 })).toBeGreaterThan(at({ trend: 0, latest: 9 }))
    expect(at({ trend: 0, latest: 9 })).toBe(at({ trend: null, latest: null }))
  })
})

describe('rank', () => {
  it('puts a critical point above a minor one of the same age whatever they cost', () => {
    const point = (id: string, s: Severity): FrictionPoint => ({
      id,
      kind: 'escalation',
      severity: s,
      since: ago(3 * DAYS),
      open: true,
      reason: '',
      params: {},
      evidence: [ticket(id).ref],
    })
    const points = [point('low', 'low'), point('crit', 'critical'), point('med', 'medium')]
    const costs: Record<string, number> = { low: 40, med: 9, crit: 1 }
    const scoreOf = (p: FrictionPoint) =>
      priorityScore(
        { severity: p.severity, lastActivity: NOW - 3 * DAYS, contacts: costs[p.id]! },
        { trend: null, latest: null },
        defaults,
        NOW,
      )
    expect(rank(points, scoreOf).map((p) => p.id)).toEqual(['crit', 'med', 'low'])
  })
})

describe('prioritiseFriction', () => {
  const settings = { friction: defaults }
  const prioritise = (t: ReturnType<typeof timeline>) =>
    prioritiseFriction(frictionPointsOf(t, { settings, now: NOW }), t, defaults, NOW)

  it('ranks a critical escalation above a high run of contacts that cost more tickets', () => {
    const contact = (id: string, days: number) =>
      ticket(id, {
        subject: 'Refund missing',
        createdAt: ago(days * DAYS),
        updatedAt: ago(2 * DAYS),
        solvedAt: ago(days * DAYS - 3_600_000),
        status: 'solved',
      })
    const t = timeline({
      tickets: [
        contact('r1', 8),
        contact('r2', 6),
        { ...contact('r3', 4), status: 'pending', solvedAt: null },
        ticket('esc', {
          subject: 'Login broken',
          priority: 'urgent',
          tags: ['escalation'],
          status: 'pending',
          solvedAt: null,
          createdAt: ago(3 * DAYS),
          updatedAt: ago(2 * DAYS),
        }),
      ],
    })
    const { groups } = prioritise(t)
    expect(groups.map((g) => [g.severity, g.kinds[0], g.contacts])).toEqual([
      ['critical', 'escalation', 1],
      ['high', 'repeat_contact', 3],
    ])
    expect(groups[0]!.nextStep).toEqual({ action: 'own_escalation', ticket: t.tickets[3]!.ref })
    expect(groups[1]!.nextStep.action).toBe('answer_once')
    expect(groups[1]!.nextStep.ticket?.id).toBe('r3') // the open one
  })

  it('ages out stale open points (counted) and never ranks resolved ones', () => {
    const subjects: Record<string, string> = {
      1: 'Invoice wrong',
      2: 'Parcel damaged',
      3: 'Password',
    }
    const waiting = (id: string, days: number) =>
      ticket(id, {
        subject: subjects[id]!,
        status: 'open',
        solvedAt: null,
        createdAt: ago(days * DAYS),
        updatedAt: ago(days * DAYS),
        requesterUpdatedAt: ago(days * DAYS),
      })
    const t = timeline({
      tickets: [
        waiting('1', 200),
        waiting('2', defaults.staleAfterDays + 1),
        waiting('3', 5),
        ticket('4', { priority: 'urgent', createdAt: ago(2 * DAYS), solvedAt: ago(1 * DAYS) }),
      ],
    })
    const { groups, agedOut } = prioritise(t)
    expect(groups.map((g) => g.evidence.map((e) => e.id))).toEqual([['3']])
    expect(agedOut).toBe(2)
    const longer = prioritiseFriction(
      frictionPointsOf(t, { settings, now: NOW }),
      t,
      { ...defaults, staleAfterDays: 365 },
      NOW,
    )
    expect(longer.groups).toHaveLength(3)
    expect(longer.agedOut).toBe(0)
  })

  it('groups an NPS drop with the detractor answer it ends on, with a close-the-loop step', () => {
    const t = timeline({
      responses: [
        response('n1', 'nps', 9, { submittedAt: ago(100 * DAYS) }),
        response('n2', 'nps', 3, { submittedAt: ago(2 * DAYS) }),
      ],
    })
    const { groups } = prioritise(t)
    expect(groups).toHaveLength(1)
    expect([...groups[0]!.kinds].sort()).toEqual(['nps_detractor', 'nps_drop'])
    expect(groups[0]!.topic).toBeNull()
    expect(groups[0]!.contacts).toBe(0)
    expect(groups[0]!.nextStep).toEqual({ action: 'close_nps_loop', ticket: null })
  })
})
