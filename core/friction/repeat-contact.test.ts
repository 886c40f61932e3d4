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

describe('repeatContact', () => {
  it('fires on the later ticket of a same-topic pair within the window, not after it', () => {
    const tickets = [
      contact('1', 'Refund not received', 30, 28),
      contact('2', 'Still no refund received', 21, 20), // 7 days after #1 was solved
      contact('3', 'Refund not received yet', 12.9, null), // 7.1 days after #2: too late
      contact('4', 'Password reset', 12, 11),
    ]
    const points = repeatContact(timeline({ tickets }), defaults, NOW)
    expect(points.map((p) => [p.id, p.severity, p.open, p.evidence.map((r) => r.id)])).toEqual([
      ['repeat_contact:zendesk:acme:ticket:2', 'medium', false, ['2', '1']],
    ])
    expect(points[0]?.params).toEqual({ contacts: 2, gapDays: 7, windowDays: 7 })
    expect(points[0]?.reason).toBe(
      'Contacted again on the same topic 7 days after the earlier ticket ended (2 contacts)',
    )
  })

  it('counts every earlier contact in reach; three contacts is high and open while the last is', () => {
    const tickets = [
      contact('1', 'Cannot login', 6, 5),
      contact('2', 'Login fails again', 4, 3),
      contact('3', 'Login broken', 1, null),
    ]
    const points = repeatContact(timeline({ tickets }), defaults, NOW)
    expect(points.map((p) => [p.evidence[0]?.id, p.severity, p.open, p.params.contacts])).toEqual([
      ['2', 'medium', false, 2],
      ['3', 'high', true, 3],
    ])
    expect(points[1]?.evidence.map((r) => r.id)).toEqual(['3', '2', '1'])
    expect(points[1]?.params.gapDays).toBe(2)
  })
})
