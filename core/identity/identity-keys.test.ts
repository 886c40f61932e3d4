import { describe, expect, it } from 'vitest'
import { identityKeys } from './identity-keys.ts'
import { hsContact, zdUser } from './person.fixtures.ts'

describe('identityKeys', () => {
  it('keys an end user by ref, links, normalised emails and phones, and external id', () => {
    const p = zdUser('7', {
      emails: [' Jane@X.com ', 'jane@x.com', 'not-an-address'],
      phones: ['+33 6 12 34 56 78', '123'],
      externalId: ' crm-9 ',
      links: [{ source: 'hubspot', account: '1234', object: 'contact', id: '51' }],
    })
    expect(identityKeys(p).sort()).toEqual([
      'email:jane@x.com',
      'ext:zendesk:acme:crm-9',
      'phone:+33612345678',
      'ref:hubspot:1234:contact:51',
      'ref:zendesk:acme:user:7',
    ])
  })

  it('applies the default country to national phone numbers when asked', () => {
    const p = zdUser('7', { phones: ['06 12 34 56 78'] })
    expect(identityKeys(p)).toContain('phone:0612345678')
    expect(identityKeys(p, { defaultCountry: 'FR' })).toContain('phone:+33612345678')
  })

  it('gives agents, admins and deleted people no keys', () => {
    expect(identityKeys(zdUser('1', { role: 'agent', emails: ['a@x.com'] }))).toEqual([])
    expect(identityKeys(zdUser('2', { role: 'admin', emails: ['b@x.com'] }))).toEqual([])
    expect(identityKeys(zdUser('3', { deleted: true, emails: ['c@x.com'] }))).toEqual([])
  })

  it('keys a merged person only to itself and its survivor, even when flagged deleted', () => {
    const merged = hsContact('9', {
      emails: ['old@x.com'],
      deleted: true,
      mergedInto: { source: 'hubspot', account: '1234', object: 'contact', id: '10' },
    })
    expect(identityKeys(merged).sort()).toEqual([
      'ref:hubspot:1234:contact:10',
      'ref:hubspot:1234:contact:9',
    ])
  })
})
