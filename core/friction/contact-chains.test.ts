import { describe, expect, it } from 'vitest'
import type { Ticket } from '../model/index.ts'
import { contactChains } from './contact-chains.ts'
import { DAYS, ago, ticket } from './records.fixtures.ts'

const at = (id: string, daysAgo: number, fields: Partial<Ticket> = {}) =>
  ticket(id, {
    subject: 'Refund missing',
    createdAt: ago(daysAgo * DAYS),
    solvedAt: ago((daysAgo - 1) * DAYS),
    ...fields,
  })

const shape = (tickets: Ticket[]) =>
  contactChains(tickets, 7).map((c) => ({
    tickets: c.tickets.map((t) => t.ref.id),
    contacts: c.contacts.map((t) => t.ref.id),
    days: c.days,
  }))

describe('contactChains', () => {
  it('does not let a ticket left open for months pull every later one on its topic in', () => {
    const forgotten = at('old', 200, { status: 'open', solvedAt: null, updatedAt: ago(199 * DAYS) })
    const tickets = [forgotten, at('a', 190), at('b', 150), at('c', 100), at('d', 98)]
    // Every later ticket follows `old` up (it never ended), but only `a` follows the chain's
    // latest contact; `b` comes 39 days after `a` ended; `d` follows `c` up.
    expect(shape(tickets)).toEqual([
      { tickets: ['old', 'a'], contacts: ['old', 'a'], days: 10 },
      { tickets: ['c', 'd'], contacts: ['c', 'd'], days: 2 },
    ])
  })

  it('keeps a copy mirrored into the other tool as evidence, not as a contact', () => {
    const first = at('1', 5)
    const copy = {
      ...first,
      ref: { source: 'hubspot' as const, account: '1234', object: 'ticket', id: 'copy' },
      createdAt: new Date(Date.parse(first.createdAt) + 10 * 60_000).toISOString(),
    }
    expect(shape([first, copy, at('2', 3)])).toEqual([
      { tickets: ['1', 'copy', '2'], contacts: ['1', '2'], days: 2 },
    ])
    expect(shape([first, copy])).toEqual([]) // one contact seen twice is no repeat
  })

  it('joins the chain whose latest contact is newest when a ticket follows up two', () => {
    const tickets = [
      at('stale', 100, { tags: ['billing'], status: 'open', solvedAt: null }),
      at('recent', 10, { subject: 'Invoice wrong', tags: ['billing'], solvedAt: ago(9 * DAYS) }),
      at('new', 5, { subject: 'Invoice refund', tags: ['billing'] }),
    ]
    expect(shape(tickets).map((c) => c.tickets)).toEqual([['recent', 'new']])
  })

  it('answers the same chains for the same timeline without rebuilding them', () => {
    const tickets = [at('1', 9), at('2', 6)] // 2 days after #1 ended
    expect(contactChains(tickets, 7)).toBe(contactChains(tickets, 7))
    expect(contactChains(tickets, 7)).toHaveLength(1)
    expect(contactChains(tickets, 1)).toEqual([]) // another window is another answer
  })
})
