/** The portal's state: CRM records, associations, and the search index that lags writes. */

export const OBJECT_TYPES = ['contacts', 'companies', 'tickets', 'feedback_submissions'] as const
export type ObjectType = (typeof OBJECT_TYPES)[number]

export function isObjectType(value: string): value is ObjectType {
  return (OBJECT_TYPES as readonly string[]).includes(value)
}

/** Contacts keep their modification time in `lastmodifieddate`; other objects in `hs_lastmodifieddate`. */
export const MODIFIED_PROPERTY: Record<ObjectType, string> = {
  contacts: 'lastmodifieddate',
  companies: 'hs_lastmodifieddate',
  tickets: 'hs_lastmodifieddate',
  feedback_submissions: 'hs_lastmodifieddate',
}

export const CREATED_PROPERTY: Record<ObjectType, string> = {
  contacts: 'createdate',
  companies: 'createdate',
  tickets: 'createdate',
  feedback_submissions: 'hs_createdate',
}

export interface CrmRecord {
  id: string
  properties: Record<string, string | null>
  createdAt: number
  updatedAt: number
  archived: boolean
  archivedAt: number | null
  /** Sandbox model of a GDPR deletion: archived, every property blanked, `hs_gdpr_deleted=true`. */
  privacyDeleted: boolean
}

export interface Portal {
  records: Record<ObjectType, Map<string, CrmRecord>>
  /** `contacts:12:tickets` → ids of the associated tickets (both directions are stored). */
  associations: Map<string, Set<string>>
  merges: { survivor: string; loser: string; at: number }[]
  nextId: Record<ObjectType, number>
  /** What search sees: writes become visible `searchLagMs` after they happen. */
  searchIndex: Record<ObjectType, Map<string, CrmRecord>>
  pendingIndex: { type: ObjectType; record: CrmRecord; visibleAt: number }[]
  searchLagMs: number
}

export function createEmptyPortal(searchLagMs: number): Portal {
  const perType = <T>(make: () => T) =>
    Object.fromEntries(OBJECT_TYPES.map((t) => [t, make()])) as Record<ObjectType, T>
  return {
    records: perType(() => new Map<string, CrmRecord>()),
    associations: new Map(),
    merges: [],
    nextId: { contacts: 1001, companies: 5001, tickets: 9001, feedback_submissions: 20001 },
    searchIndex: perType(() => new Map<string, CrmRecord>()),
    pendingIndex: [],
    searchLagMs,
  }
}

export const iso = (ms: number): string => new Date(ms).toISOString()

/** Creates a record at `at` with HubSpot's system properties filled in. */
export function createRecord(
  portal: Portal,
  type: ObjectType,
  properties: Record<string, string | null>,
  createdAt: number,
  updatedAt: number,
): CrmRecord {
  const id = String(portal.nextId[type]++)
  const record: CrmRecord = {
    id,
    properties: {
      ...properties,
      hs_object_id: id,
      [CREATED_PROPERTY[type]]: iso(createdAt),
      [MODIFIED_PROPERTY[type]]: iso(updatedAt),
    },
    createdAt,
    updatedAt,
    archived: false,
    archivedAt: null,
    privacyDeleted: false,
  }
  portal.records[type].set(id, record)
  queueIndex(portal, type, record, updatedAt)
  return record
}

/** Changes properties as a user or an import would: the modification time moves to `at`. */
export function updateRecord(
  portal: Portal,
  type: ObjectType,
  id: string,
  properties: Record<string, string | null>,
  at: number,
): CrmRecord {
  const record = requireRecord(portal, type, id)
  // A record's modification time never goes back, whatever order events are replayed in.
  const when = Math.max(at, record.updatedAt)
  record.properties = { ...record.properties, ...properties, [MODIFIED_PROPERTY[type]]: iso(when) }
  record.updatedAt = when
  queueIndex(portal, type, record, when)
  return record
}

export function archiveRecord(portal: Portal, type: ObjectType, id: string, at: number): CrmRecord {
  const record = requireRecord(portal, type, id)
  record.archived = true
  record.archivedAt = at
  queueIndex(portal, type, record, at)
  return record
}

export function requireRecord(portal: Portal, type: ObjectType, id: string): CrmRecord {
  const record = portal.records[type].get(id)
  if (!record) throw new Error(`sandbox: no ${type} ${id}`)
  return record
}

export function associate(portal: Portal, a: ObjectType, aId: string, b: ObjectType, bId: string) {
  const add = (key: string, id: string) => {
    const set = portal.associations.get(key) ?? new Set<string>()
    set.add(id)
    portal.associations.set(key, set)
  }
  add(`${a}:${aId}:${b}`, bId)
  add(`${b}:${bId}:${a}`, aId)
}

export function associatedIds(
  portal: Portal,
  from: ObjectType,
  id: string,
  to: ObjectType,
): string[] {
  return [...(portal.associations.get(`${from}:${id}:${to}`) ?? [])].sort(
    (x, y) => Number(x) - Number(y),
  )
}

function queueIndex(portal: Portal, type: ObjectType, record: CrmRecord, at: number) {
  const snapshot = structuredClone(record)
  portal.pendingIndex.push({ type, record: snapshot, visibleAt: at + portal.searchLagMs })
}

/** Applies the writes search can see at `now` (archived records leave the index). */
export function refreshSearchIndex(portal: Portal, now: number) {
  const stillPending: Portal['pendingIndex'] = []
  for (const entry of portal.pendingIndex) {
    if (entry.visibleAt > now) {
      stillPending.push(entry)
      continue
    }
    const index = portal.searchIndex[entry.type]
    if (entry.record.archived) index.delete(entry.record.id)
    else index.set(entry.record.id, entry.record)
  }
  portal.pendingIndex = stillPending
}
