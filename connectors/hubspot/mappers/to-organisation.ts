import type { UnifiedRecord } from '../../../core/model/index.ts'
import type { HubSpotItem } from '../types.ts'
import { type MapContext, hubspotRef, splitMulti, text, toInstant, versionTime } from './refs.ts'

export function toOrganisationRecords(item: HubSpotItem, ctx: MapContext): UnifiedRecord[] {
  const { object } = item
  const p = object.properties
  const domains = [...splitMulti(p.domain), ...splitMulti(p.hs_additional_domains)]
  return [
    {
      kind: 'organisation',
      record: {
        ref: hubspotRef(ctx, 'company', object.id),
        name: text(p.name) ?? domains[0] ?? '',
        domains: [...new Set(domains.map((d) => d.toLowerCase()))],
        deleted: object.archived === true,
        createdAt: toInstant(p.createdate ?? object.createdAt, 'createdate'),
        updatedAt: versionTime(object, p.hs_lastmodifieddate, 'hs_lastmodifieddate'),
      },
    },
  ]
}
