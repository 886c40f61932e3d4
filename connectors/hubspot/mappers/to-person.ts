import type { Person, UnifiedRecord } from '../../../core/model/index.ts'
import type { HubSpotItem } from '../types.ts'
import { type MapContext, hubspotRef, splitMulti, text, toInstant, versionTime } from './refs.ts'

/** Sandbox flag of a GDPR deletion (live HubSpot signals it with a `contact.privacyDeletion` event). */
export const PRIVACY_DELETED_PROPERTY = 'hs_gdpr_deleted'

/**
 * A contact → its person, plus a `merge` for every contact HubSpot folded into it
 * (`hs_merged_object_ids`), or an `erase` when the contact was deleted for privacy.
 */
export function toPersonRecords(item: HubSpotItem, ctx: MapContext): UnifiedRecord[] {
  const { object } = item
  const p = object.properties
  const ref = hubspotRef(ctx, 'contact', object.id)
  const updatedAt = versionTime(object, p.lastmodifieddate, 'lastmodifieddate')
  if (p[PRIVACY_DELETED_PROPERTY] === 'true') {
    return [{ kind: 'erase', ref, at: toInstant(object.archivedAt ?? updatedAt, 'archivedAt') }]
  }
  const name = [text(p.firstname), text(p.lastname)].filter(Boolean).join(' ')
  const emails = [...splitMulti(p.email), ...splitMulti(p.hs_additional_emails)]
  // `associatedcompanyid` can be empty while the contact has a primary company association
  // (docs: "Associations v4" › primary company): fall back to it.
  const company = text(p.associatedcompanyid) ?? item.associations.companies?.[0] ?? null
  const person: Person = {
    ref,
    name: name === '' ? null : name,
    emails: [...new Set(emails)],
    phones: [text(p.phone), text(p.mobilephone)].filter((v): v is string => v !== null),
    externalId: null,
    organisation: company ? hubspotRef(ctx, 'company', company) : null,
    role: 'end_user',
    locale: text(p.hs_language),
    links: [],
    mergedInto: null,
    deleted: object.archived === true,
    createdAt: toInstant(p.createdate ?? object.createdAt, 'createdate'),
    updatedAt,
  }
  const merges: UnifiedRecord[] = splitMulti(p.hs_merged_object_ids)
    .filter((id) => id !== object.id)
    .map((id) => ({
      kind: 'merge',
      from: hubspotRef(ctx, 'contact', id),
      into: ref,
      at: updatedAt,
    }))
  return [{ kind: 'person', record: person }, ...merges]
}
