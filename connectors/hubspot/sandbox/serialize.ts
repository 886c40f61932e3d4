import {
  type CrmRecord,
  type ObjectType,
  CREATED_PROPERTY,
  MODIFIED_PROPERTY,
  iso,
} from './portal.ts'

/** What HubSpot returns when `properties` is not given (docs: "CRM API | Contacts" etc.). */
const DEFAULT_PROPERTIES: Record<ObjectType, string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  tickets: [
    'content',
    'createdate',
    'hs_lastmodifieddate',
    'hs_object_id',
    'hs_pipeline',
    'hs_pipeline_stage',
    'hs_ticket_category',
    'hs_ticket_priority',
    'subject',
  ],
  feedback_submissions: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
}

export function parsePropertyList(value: string | string[] | undefined | null): string[] {
  if (value === undefined || value === null) return []
  const parts = Array.isArray(value) ? value : [value]
  return parts
    .flatMap((p) => p.split(','))
    .map((p) => p.trim())
    .filter(Boolean)
}

/** A record as `SimplePublicObject`: every requested property present, `null` when unset. */
export function toApiObject(type: ObjectType, record: CrmRecord, requested: string[]) {
  const names = new Set([...DEFAULT_PROPERTIES[type], ...requested])
  names.add(CREATED_PROPERTY[type])
  names.add(MODIFIED_PROPERTY[type])
  const properties: Record<string, string | null> = {}
  for (const name of [...names].sort()) properties[name] = record.properties[name] ?? null
  return {
    id: record.id,
    properties,
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
    archived: record.archived,
    ...(record.archivedAt !== null ? { archivedAt: iso(record.archivedAt) } : {}),
  }
}

/** HubSpot's error body (`StandardError` / `Error` in the SDK models). */
export function errorBody(category: string, message: string, extra: Record<string, unknown> = {}) {
  return {
    status: 'error',
    message,
    correlationId: crypto.randomUUID(),
    category,
    ...extra,
  }
}
