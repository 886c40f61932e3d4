import { describe, expect, it } from 'vitest'
import { slowFirstReply } from './slow-first-reply.ts'
import { HOURS, NOW, ago, defaults, ticket, timeline } from './records.fixtures.ts'

describe('slowFirstReply', () => {
  it('fires above the limit (8 hours by default), not at it', () => {
    const tickets = [
      ticket('at', { firstReplyMinutes: 480 }),
      ticket('above', { firstReplyMinutes: 481 }),
      ticket('way', { firstReplyMinutes: 1441, status: 'pending', solvedAt: null }),
    ]
    const points = slowFirstReply(timeline({ tickets }), defaults, NOW)
    expect(points.map((p) => [p.evidence[0]?.id, p.severity, p.open, p.reason])).toEqual([
      ['above', 'medium', false, 'First reply after 8 hours'],
      ['way', 'high', true, 'First reply after 24 hours'],
    ])
  })

  it('fires for an open ticket with no reply yet once older than the limit', () => {
    const unanswered = (id: string, hours: number, replies: number | null = 0) =>
      ticket(id, {
        status: 'open',
        solvedAt: null,
        firstReplyMinutes: null,
        replies,
        createdAt: ago(hours * HOURS),
      })
    const tickets = [unanswered('young', 8), unanswered('old', 9), unanswered('unknown', 30, null)]
    const points = slowFirstReply(timeline({ tickets }), defaults, NOW)
    expect(points.map((p) => [p.evidence[0]?.id, p.severity, p.reason])).toEqual([
      ['old', 'high', 'No reply yet after 9 hours'],
    ])
  })
})
