import { describe, expect, it } from 'vitest'
import { UnifiedRecord } from '../../../core/model/index.ts'
import { MapError } from '../../../core/sync/types.ts'
import { user } from '../fixtures/raw.ts'
import { toPerson } from './to-person.ts'

const map = (u: unknown, hubspotAccount?: string) => {
  const records = toPerson(u, { account: 'acme', ...(hubspotAccount ? { hubspotAccount } : {}) })
  records.forEach((r) => UnifiedRecord.parse(r))
  const [record] = records
  if (record?.kind !== 'person') throw new Error('expected a person')
  return record.record
}

describe('toPerson', () => {
  it('maps an end user with accents and emoji', () => {
    const p = map(user)
    expect(p).toEqual({
      ref: {
        source: 'zendesk',
        account: 'acme',
        object: 'user',
        id: '35436',
        url: 'https://acme.zendesk.com/agent/users/35436',
      },
      name: 'Zoé Lefèvre 🌻',
      emails: ['zoé.lefèvre@example.fr'],
      phones: ['+33612345678'],
      externalId: 'sai989sur98w9',
      organisation: {
        source: 'zendesk',
        account: 'acme',
        object: 'organization',
        id: '4112492',
        url: 'https://acme.zendesk.com/agent/organizations/4112492',
      },
      role: 'end_user',
      locale: 'fr-FR',
      links: [],
      mergedInto: null,
      deleted: false,
      createdAt: '2009-07-20T22:55:29.000Z',
      updatedAt: '2011-05-05T10:38:52.000Z',
    })
  })

  it('keeps agents and admins with their role', () => {
    expect(map({ ...user, role: 'agent' }).role).toBe('agent')
    expect(map({ ...user, role: 'admin' }).role).toBe('admin')
  })

  it('maps nulls to empty lists and a deleted (inactive) user to deleted', () => {
    const p = map({
      ...user,
      email: null,
      phone: null,
      organization_id: null,
      active: false,
      external_id: 'CRM-42/é',
    })
    expect(p).toMatchObject({ emails: [], phones: [], organisation: null, deleted: true })
    expect(p.externalId).toBe('CRM-42/é')
  })

  it('links to the HubSpot contact only when the portal is known', () => {
    expect(map(user).links).toEqual([])
    expect(map(user, '12345').links).toEqual([
      { source: 'hubspot', account: '12345', object: 'contact', id: '9001' },
    ])
    expect(map({ ...user, user_fields: { hubspot_contact_id: null } }, '12345').links).toEqual([])
  })

  it('rejects an unknown role', () => {
    expect(() => map({ ...user, role: 'robot' })).toThrow(MapError)
  })
})
