import { describe, expect, it } from 'vitest'
import { UnifiedRecord } from '../../../core/model/index.ts'
import { MapError } from '../../../core/sync/types.ts'
import { organization } from '../fixtures/raw.ts'
import { toOrganisation } from './to-organisation.ts'

const map = (o: unknown) => {
  const records = toOrganisation(o, 'acme')
  records.forEach((r) => UnifiedRecord.parse(r))
  const [record] = records
  if (record?.kind !== 'organisation') throw new Error('expected an organisation')
  return record.record
}

describe('toOrganisation', () => {
  it('maps the OpenAPI example organization', () => {
    expect(map(organization)).toEqual({
      ref: {
        source: 'zendesk',
        account: 'acme',
        object: 'organization',
        id: '4112492',
        url: 'https://acme.zendesk.com/agent/organizations/4112492',
      },
      name: 'Groablet Entreprises — Crème brûlée 🍮',
      domains: ['remain.com', 'société.fr'],
      deleted: false,
      createdAt: '2018-11-14T00:14:52.000Z',
      updatedAt: '2018-11-14T00:54:22.000Z',
    })
  })

  it('marks an organization with deleted_at as deleted, and tolerates null domains', () => {
    const o = map({ ...organization, deleted_at: '2019-01-01T00:00:00Z', domain_names: null })
    expect(o).toMatchObject({ deleted: true, domains: [] })
  })

  it('rejects a record without dates', () => {
    expect(() => map({ id: 1, name: 'x' })).toThrow(MapError)
  })
})
