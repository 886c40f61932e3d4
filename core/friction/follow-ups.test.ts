import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { followUps, isFollowUp } from './follow-ups.ts'
import { DAYS, ago, ticket } from './records.fixtures.ts'
import { byTime } from './timeline.ts'

describe('isFollowUp', () => {
  const first = ticket('1', {
    subject: 'Invoice missing',
    createdAt: ago(20 * DAYS),
    solvedAt: ago(10 * DAYS),
  })
  const again = (days: number) =>
    ticket('2', { subject: 'Invoice still missing', createdAt: ago(days * DAYS) })

  it('counts from the earlier ticket’s solve time, up to the window', () => {
    expect(isFollowUp(first, again(3), 7)).toBe(true) // 7 days after the solve
    expect(isFollowUp(first, again(2.99), 7)).toBe(false)
    expect(isFollowUp(first, again(15), 7)).toBe(true) // while it was still unsolved
    expect(isFollowUp(again(3), first, 7)).toBe(false) // never backwards
  })

  it('counts from creation when the solve time is unknown, and any time while still open', () => {
    const closedNoSolve = { ...first, status: 'closed' as const, solvedAt: null }
    expect(isFollowUp(closedNoSolve, again(13), 7)).toBe(true)
    expect(isFollowUp(closedNoSolve, again(12.9), 7)).toBe(false)
    const stillOpen = { ...first, status: 'open' as const, solvedAt: null }
    expect(isFollowUp(stillOpen, again(0), 7)).toBe(true)
  })

  it('counts from the last update of a ticket left waiting on the customer', () => {
    const pending = {
      ...first,
      status: 'pending' as const,
      solvedAt: null,
      updatedAt: ago(15 * DAYS),
    }
    expect(isFollowUp(pending, again(8), 7)).toBe(true)
    expect(isFollowUp(pending, again(7.9), 7)).toBe(false)
  })
})

describe('followUps', () => {
  it('does not take a ticket mirrored into the other tool minutes later for a new contact', () => {
    const zd = ticket('1', {
      subject: 'Refund missing',
      createdAt: ago(2 * DAYS),
      solvedAt: null,
      status: 'open',
    })
    const mirror = (minutes: number) => ({
      ...zd,
      ref: { source: 'hubspot' as const, account: '1234', object: 'ticket', id: `m${minutes}` },
      createdAt: new Date(Date.parse(zd.createdAt) + minutes * 60_000).toISOString(),
    })
    expect(followUps([zd, mirror(15)], 7)).toEqual([])
    expect(followUps([zd, mirror(16)], 7).map((f) => f.later.ref.id)).toEqual(['m16'])
  })

  it('finds exactly the pairs a pairwise check finds, nearest first', () => {
    const subjects = ['Refund missing', 'Login broken', 'Refund late', 'Invoice copy']
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            subject: fc.constantFrom(...subjects),
            created: fc.integer({ min: 0, max: 60 }),
            solvedAfter: fc.option(fc.integer({ min: 0, max: 20 })),
          }),
          { maxLength: 30 },
        ),
        (specs) => {
          const tickets = specs
            .map((s, i) =>
              ticket(String(i).padStart(2, '0'), {
                subject: s.subject,
                createdAt: ago((60 - s.created) * DAYS),
                solvedAt:
                  s.solvedAfter === null ? null : ago((60 - s.created - s.solvedAfter) * DAYS),
                status: s.solvedAfter === null ? 'open' : 'solved',
              }),
            )
            .sort(byTime((t) => t.createdAt))
          const naive = tickets.flatMap((later, i) => {
            const earlier = tickets
              .slice(0, i)
              .filter((e) => isFollowUp(e, later, 7))
              .reverse()
            return earlier.length > 0 ? [{ later, earlier }] : []
          })
          expect(followUps(tickets, 7)).toEqual(naive)
        },
      ),
      { numRuns: 200 },
    )
  })
})
