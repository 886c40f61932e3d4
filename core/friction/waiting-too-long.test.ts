import { describe, expect, it } from 'vitest'
import { waitingTooLong } from './waiting-too-long.ts'
import { HOURS, NOW, ago, defaults, settingsWith, ticket, timeline } from './records.fixtures.ts'

const waiting = (id: string, hours: number, fields = {}) =>
  ticket(id, {
    status: 'open',
    solvedAt: null,
    requesterUpdatedAt: ago(hours * HOURS),
    updatedAt: ago(1 * HOURS),
    ...fields,
  })

describe('waitingTooLong', () => {
  it('fires past the limit since the requester last wrote, not at it', () => {
    const tickets = [waiting('at', 48), waiting('past', 48.01), waiting('long', 145)]
    const points = waitingTooLong(timeline({ tickets }), defaults, NOW)
    expect(points.map((p) => [p.evidence[0]?.id, p.severity, p.open, p.since])).toEqual([
      ['past', 'medium', true, ago(48.01 * HOURS)],
      ['long', 'high', true, ago(145 * HOURS)],
    ])
    expect(points[1]?.reason).toBe('Waiting on us for 145 hours')
  })

  it('falls back to the last update and ignores tickets waiting on someone else', () => {
    const tickets = [
      waiting('fallback', 0, { requesterUpdatedAt: null, updatedAt: ago(50 * HOURS) }),
      waiting('pending', 100, { status: 'pending' }),
      waiting('hold', 100, { status: 'on_hold' }),
      waiting('solved', 100, { status: 'solved' }),
    ]
    const points = waitingTooLong(timeline({ tickets }), defaults, NOW)
    expect(points.map((p) => p.evidence[0]?.id)).toEqual(['fallback'])
  })
})

describe('waitingTooLong beside slowFirstReply', () => {
  it('leaves a ticket never answered to slow_first_reply, not one answered late', () => {
    const tickets = [
      waiting('silent', 100, { firstReplyMinutes: null, replies: 0, createdAt: ago(100 * HOURS) }),
      waiting('late', 100, { firstReplyMinutes: 900, replies: 1, createdAt: ago(120 * HOURS) }),
      // Unknown reply count: nothing says it is unanswered, so it still waits too long.
      waiting('unknown', 100, { firstReplyMinutes: null, replies: null }),
    ]
    const points = waitingTooLong(timeline({ tickets }), defaults, NOW)
    expect(points.map((p) => p.evidence[0]?.id)).toEqual(['late', 'unknown'])
    const young = settingsWith({ slowFirstReplyMinutes: 200 * 60 }).friction
    const [silent] = waitingTooLong(timeline({ tickets: [tickets[0]!] }), young, NOW)
    expect(silent?.evidence[0]?.id).toBe('silent') // not yet late for a first reply: waiting it is
  })
})
