import { describe, expect, it } from 'vitest'
import { ticket } from '../friction/records.fixtures.ts'
import {
  firstContactResolutionPercent,
  medianFirstReplyMinutes,
  medianMinutes,
  medianResolutionMinutes,
} from './tickets.ts'

describe('ticket KPIs', () => {
  it('first-contact resolution: solved with one reply and no reopen, unknown counts left out', () => {
    const tickets = [
      ticket('1', { replies: 1 }), // yes
      ticket('2', { replies: 3 }), // no: back and forth
      ticket('3', { replies: 1, reopens: 1 }), // no: reopened
      ticket('4', { replies: null }), // unknown: left out
      ticket('5', { replies: 1, status: 'open', solvedAt: null }), // not done: left out
      ticket('6', { replies: 0, status: 'closed' }), // yes (closed without reply)
    ]
    expect(firstContactResolutionPercent(tickets)).toBe(50)
    expect(firstContactResolutionPercent([ticket('7', { replies: null })])).toBeNull()
  })

  it('medians ignore unknown values', () => {
    expect(medianMinutes([5, null, 1, 3])).toBe(3)
    expect(medianMinutes([4, 1, 3, 2])).toBe(2.5)
    expect(medianMinutes([null])).toBeNull()
    const tickets = [
      ticket('1', { firstReplyMinutes: 10, fullResolutionMinutes: 100 }),
      ticket('2', { firstReplyMinutes: 30, fullResolutionMinutes: 300 }),
      ticket('3', { firstReplyMinutes: null, status: 'open', fullResolutionMinutes: null }),
    ]
    expect(medianFirstReplyMinutes(tickets)).toBe(20)
    expect(medianResolutionMinutes(tickets)).toBe(200)
  })
})
