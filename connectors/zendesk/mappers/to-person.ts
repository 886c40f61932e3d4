import type { Person, SourceRef, UnifiedRecord } from '../../../core/model/index.ts'
import { MapError } from '../../../core/sync/types.ts'
import { ZendeskUser } from '../types.ts'
import { optionalRef, parseRaw, toInstant, zendeskRef } from './refs.ts'

const ROLES: Record<string, Person['role']> = {
  'end-user': 'end_user',
  agent: 'agent',
  admin: 'admin',
}

/** The user field some accounts fill with the HubSpot contact id (an explicit cross-tool link). */
export const HUBSPOT_CONTACT_FIELD = 'hubspot_contact_id'

export interface PersonOptions {
  account: string
  /** The HubSpot portal id; without it a `hubspot_contact_id` user field cannot become a link. */
  hubspotAccount?: string
}

/** A Zendesk user → a cxlens person. Inactive users are deleted ones in the incremental export. */
export function toPerson(raw: unknown, options: PersonOptions): UnifiedRecord[] {
  const user = parseRaw(ZendeskUser, raw, 'user')
  const role = ROLES[user.role]
  if (!role) throw new MapError(`unknown user role "${user.role.slice(0, 20)}"`)
  return [
    {
      kind: 'person',
      record: {
        ref: zendeskRef(options.account, 'user', user.id),
        name: user.name,
        emails: user.email ? [user.email] : [],
        phones: user.phone ? [user.phone] : [],
        externalId: user.external_id,
        organisation: optionalRef(options.account, 'organization', user.organization_id),
        role,
        locale: user.locale,
        links: hubspotLinks(user.user_fields, options.hubspotAccount),
        mergedInto: null,
        deleted: user.active === false,
        createdAt: toInstant(user.created_at, 'created_at'),
        updatedAt: toInstant(user.updated_at, 'updated_at'),
      },
    },
  ]
}

function hubspotLinks(
  fields: Record<string, unknown> | null | undefined,
  hubspotAccount: string | undefined,
): SourceRef[] {
  const value = fields?.[HUBSPOT_CONTACT_FIELD]
  if (!hubspotAccount || (typeof value !== 'string' && typeof value !== 'number')) return []
  const id = String(value).trim()
  if (id === '') return []
  return [{ source: 'hubspot', account: hubspotAccount, object: 'contact', id }]
}
