import type { UnifiedRecord } from '../../../core/model/index.ts'
import { ZendeskOrganization } from '../types.ts'
import { parseRaw, toInstant, zendeskRef } from './refs.ts'

/** A Zendesk organization → a cxlens organisation; a `deleted_at` marks it deleted. */
export function toOrganisation(raw: unknown, account: string): UnifiedRecord[] {
  const org = parseRaw(ZendeskOrganization, raw, 'organization')
  return [
    {
      kind: 'organisation',
      record: {
        ref: zendeskRef(account, 'organization', org.id),
        name: org.name ?? '',
        domains: org.domain_names ?? [],
        deleted: org.deleted_at !== null,
        createdAt: toInstant(org.created_at, 'created_at'),
        updatedAt: toInstant(org.updated_at, 'updated_at'),
      },
    },
  ]
}
