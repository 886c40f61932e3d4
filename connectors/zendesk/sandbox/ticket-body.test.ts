import { describe, expect, it } from 'vitest'
import { generateAccount } from './generate.ts'

describe('ticketBody (realistic ticket sizes)', () => {
  it('is off by default and brings every ticket into the range when on', () => {
    const plain = generateAccount({ seed: 7, users: 50, tickets: 300 })
    const sized = generateAccount({
      seed: 7,
      users: 50,
      tickets: 300,
      ticketBody: { minBytes: 2000, maxBytes: 8000 },
    })
    const bytes = (t: unknown) => new TextEncoder().encode(JSON.stringify(t)).length
    const plainSizes = [...plain.tickets.values()].map(bytes)
    const sizes = [...sized.tickets.values()].map(bytes)
    expect(Math.max(...plainSizes)).toBeLessThan(2000)
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1900)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8400)
    // Spread over the range, not all at one size.
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeGreaterThan(4000)
    // Everything else is the same account.
    const a = [...plain.tickets.values()][5]!
    const b = [...sized.tickets.values()][5]!
    expect({
      ...b,
      description: a.description,
      custom_fields: a.custom_fields,
      fields: a.fields,
    }).toEqual(a)
  })
})
