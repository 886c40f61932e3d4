import { describe, expect, it } from 'vitest'
import { customerIdFor } from './customer-id.ts'
import { hsContact, zdUser } from './person.fixtures.ts'
import { fnv1a64 } from './stable-hash.ts'

describe('customerIdFor', () => {
  it('matches the published FNV-1a 64 test vectors', () => {
    expect(fnv1a64('')).toBe(0xcbf29ce484222325n)
    expect(fnv1a64('a')).toBe(0xaf63dc4c8601ec8cn)
    expect(fnv1a64('foobar')).toBe(0x85944171f73967e8n)
  })

  it('hashes the smallest live ref key, whatever the order', () => {
    const a = zdUser('1')
    const b = hsContact('2')
    const id = customerIdFor([a, b])
    expect(id).toMatch(/^cus_[0-9a-z]{13}$/)
    expect(customerIdFor([b, a])).toBe(id)
    // hubspot:… sorts before zendesk:…, so the HubSpot contact names the customer.
    expect(id).toBe(customerIdFor([b]))
    expect(id).not.toBe(customerIdFor([a]))
  })

  it('ignores merged-away and deleted members', () => {
    const survivor = zdUser('5')
    const merged = hsContact('1', { mergedInto: survivor.ref })
    expect(customerIdFor([merged, survivor])).toBe(customerIdFor([survivor]))
  })
})
