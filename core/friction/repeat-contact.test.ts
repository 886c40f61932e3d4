import { describe, expect, it } from 'vitest'
import { repeatContact } from './repeat-contact.ts'
import { DAYS, NOW, ago, defaults, ticket, timeline } from './records.fixtures.ts'

const contact = (
  id: string,
  subject: string,
  createdDaysAgo: number,
  solvedDaysAgo: number | null,
) =>
  ticket(id, {
    subject,
    createdAt: ago(createdDaysAgo * DAYS),
    solvedAt: solvedDaysAgo === null ? null : ago(solvedDaysAgo * DAYS),
    status: solvedDaysAgo === null ? 'open' : 'solved',
  })

const ids = (points: ReturnType<typeof repeatContact>) =>
  points.map((p) => [p.id, p.evidence.map((r) => r.id)])

describe('repeatContact', () => {
  it('fires on a same-topic contact within the window of the earlier one’s end, not after it', () => {
    const tickets = [
      contact('1', 'Refund not received', 30, 28),
      contact('2', 'Still no refund received', 21, 20), // 7 days after #1 was solved
      contact('3', 'Refund not received yet', 12.9, null), // 7.1 days after #2: too late
      contact('4', 'Password reset', 12, 11),
    ]
    const points = repeatContact(timeline({ tickets }), defaults, NOW)
    expect(points.map((p) => [p.id, p.severity, p.open, p.since])).toEqual([
      ['repeat_contact:zendesk:acme:ticket:1', 'medium', false, ago(30 * DAYS)],
    ])
    expect(points[0]?.evidence.map((r) => r.id)).toEqual(['1', '2'])
    expect(points[0]?.params).toEqual({ count: 2, contacts: 2, days: 9, windowDays: 7 })
    expect(points[0]?.reason).toBe('Contacted us 2 times on the same topic in 9 days')
  })

  it('makes one point of five contacts on a topic in 9 days, every ticket as evidence', () => {
    const tickets = [
      contact('1', 'Invoice missing', 9, 8.5),
      contact('2', 'Invoice still missing', 7, 6),
      contact('3', 'Where is my invoice', 5, null), // open: the next ones chase it
      contact('4', 'Invoice??', 3, 2.5),
      contact('5', 'Invoice missing again', 0, null),
    ]
    const points = repeatContact(timeline({ tickets }), defaults, NOW)
    expect(ids(points)).toEqual([
      ['repeat_contact:zendesk:acme:ticket:1', ['1', '2', '3', '4', '5']],
    ])
    expect(points[0]).toMatchObject({ severity: 'critical', open: true, since: ago(9 * DAYS) })
    expect(points[0]?.params).toMatchObject({ count: 5, contacts: 5, days: 9 })
  })

  it('grows severity with the contacts: 2 medium, 3 high, 5 critical', () => {
    const chain = (n: number) =>
      Array.from({ length: n }, (_, i) => contact(String(i), 'Login broken', 20 - i, 19.5 - i))
    const severity = (n: number) =>
      repeatContact(timeline({ tickets: chain(n) }), defaults, NOW).map((p) => p.severity)
    expect([1, 2, 3, 4, 5].map(severity)).toEqual([
      [],
      ['medium'],
      ['high'],
      ['high'],
      ['critical'],
    ])
  })

  it('gives two topics two points, and splits a topic at a gap longer than the window', () => {
    const topics = [
      contact('r1', 'Refund missing', 20, 19),
      contact('l1', 'Login broken', 18, 17),
      contact('r2', 'Refund late', 16, 15),
      contact('l2', 'Login fails again', 14, 13),
    ]
    expect(ids(repeatContact(timeline({ tickets: topics }), defaults, NOW))).toEqual([
      ['repeat_contact:zendesk:acme:ticket:r1', ['r1', 'r2']],
      ['repeat_contact:zendesk:acme:ticket:l1', ['l1', 'l2']],
    ])
    const broken = [
      contact('1', 'Refund missing', 40, 39),
      contact('2', 'Refund late', 36, 35),
      contact('3', 'Refund missing', 20, 19), // 15 days after #2 was solved: a new chain
      contact('4', 'Refund late', 18, 17),
      contact('5', 'Refund still late', 12, 11),
    ]
    expect(ids(repeatContact(timeline({ tickets: broken }), defaults, NOW))).toEqual([
      ['repeat_contact:zendesk:acme:ticket:1', ['1', '2']],
      ['repeat_contact:zendesk:acme:ticket:3', ['3', '4', '5']],
    ])
  })

  it('keeps its id as the chain grows, and is open while a contact after the first is', () => {
    const first = [contact('1', 'Cannot login', 6, null), contact('2', 'Login fails', 4, 3)]
    const [before] = repeatContact(timeline({ tickets: first }), defaults, NOW)
    expect(before?.open).toBe(false) // the first ticket alone is waiting_too_long's business
    const grown = [...first, contact('3', 'Login broken', 1, null)]
    const [after] = repeatContact(timeline({ tickets: grown }), defaults, NOW)
    expect([after?.id, after?.open, after?.params.contacts]).toEqual([before?.id, true, 3])
  })
})
