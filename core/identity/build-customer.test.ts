import { describe, expect, it } from 'vitest'
import { Customer, type Organisation } from '../model/index.ts'
import { buildCustomer } from './build-customer.ts'
import { customerIdFor } from './customer-id.ts'
import { hsContact, zdUser } from './person.fixtures.ts'

const org = (id: string, name: string, deleted = false): Organisation => ({
  ref: { source: 'zendesk', account: 'acme', object: 'organization', id },
  name,
  domains: [],
  deleted,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
})

describe('buildCustomer', () => {
  const older = zdUser('1', {
    name: 'jane',
    emails: ['Jane@X.com', 'jane@x.com'],
    phones: ['+33 6 12 34 56 78'],
    organisation: org('9', 'Old Co').ref,
    updatedAt: '2025-01-01T00:00:00Z',
  })
  const newer = hsContact('2', {
    name: 'Jane Doe',
    emails: ['jane.doe@work.fr', 'jane@x.com'],
    phones: ['0033612345678', '12'],
    organisation: org('8', 'Gone Co').ref,
    updatedAt: '2025-05-01T00:00:00Z',
  })
  const mergedAway = hsContact('0', {
    name: 'J',
    emails: ['j@old.fr'],
    mergedInto: newer.ref,
    updatedAt: '2025-09-01T00:00:00Z',
  })

  it('takes name, contacts and organisation from live members, freshest first', () => {
    const customer = buildCustomer(
      [older, newer, mergedAway],
      [org('9', 'Old Co'), org('8', 'Gone Co', true)],
    )
    expect(Customer.parse(customer)).toEqual(customer)
    expect(customer).toEqual({
      id: customerIdFor([older, newer]),
      displayName: 'Jane Doe',
      emails: ['jane.doe@work.fr', 'jane@x.com'],
      phones: ['+33612345678'],
      organisation: { name: 'Old Co', ref: org('9', 'Old Co').ref },
      identities: [newer.ref, older.ref],
    })
    expect(customer.identities[0]?.url).toBe('https://example.test/hubspot/contact/2')
  })

  it('falls back to an older name, then to an email, when names are blank', () => {
    expect(buildCustomer([older, { ...newer, name: '  ' }], []).displayName).toBe('jane')
    const nameless = zdUser('3', { emails: ['x@y.com'] })
    expect(buildCustomer([nameless], []).displayName).toBe('x@y.com')
    expect(buildCustomer([nameless], []).organisation).toBeNull()
  })
})
