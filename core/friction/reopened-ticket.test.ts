import { describe, expect, it } from 'vitest'
import { reopenedTicket } from './reopened-ticket.ts'
import { NOW, defaults, ticket, timeline } from './records.fixtures.ts'

describe('reopenedTicket', () => {
  it('fires from reopensMin reopens, with more reopens more severe', () => {
    const tickets = [
      ticket('0', { reopens: 0 }),
      ticket('1', { reopens: 1, status: 'open', solvedAt: null }),
      ticket('2', { reopens: 2 }),
    ]
    const points = reopenedTicket(timeline({ tickets }), defaults, NOW)
    expect(points.map((p) => [p.id, p.severity, p.open, p.reason])).toEqual([
      ['reopened_ticket:zendesk:acme:ticket:1', 'medium', true, 'Ticket reopened 1 time'],
      ['reopened_ticket:zendesk:acme:ticket:2', 'high', false, 'Ticket reopened 2 times'],
    ])
  })

  it('follows the tenant minimum', () => {
    const tickets = [ticket('1', { reopens: 1 }), ticket('2', { reopens: 2 })]
    const points = reopenedTicket(timeline({ tickets }), { ...defaults, reopensMin: 2 }, NOW)
    expect(points.map((p) => [p.params.reopens, p.severity])).toEqual([[2, 'medium']])
  })
})
