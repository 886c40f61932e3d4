import type { TenantStore } from '../core/store/index.ts'
import type { HubSpotTruth, TruthRow } from './hubspot-protocol.ts'

const OBJECT: Record<keyof HubSpotTruth['rows'], string> = {
  companies: 'company',
  contacts: 'contact',
  tickets: 'ticket',
  feedback_submissions: 'feedback_submission',
}

type StoredRow = {
  object: string
  id: string
  updated_ms: number
  deleted: number
  requester_key: string | null
  respondent_key: string | null
  ticket_key: string | null
  organisation_key: string | null
}

export interface TypeCheck {
  truth: number
  archived: number
  erased: number
  stored: number
  missing: string[]
  extra: string[]
  notErased: string[]
  modifiedDiffers: string[]
  deletionDiffers: string[]
  associationDiffers: string[]
}

/**
 * The store vs the portal, per object type: every record there with the portal's modification
 * time; archived ones marked deleted; a privacy-deleted contact, its tickets and the answers by it
 * or about its tickets gone (erased); live tickets and answers pointing at their first associated
 * contact and company/ticket; contacts at their primary company; every merge recorded.
 */
export function checkHubSpot(store: TenantStore, truth: HubSpotTruth) {
  const account = truth.portalId
  const ref = (object: string, id: string) => `hubspot:${account}:${object}:${id}`
  const rows = store.sql.all<StoredRow>(
    `SELECT object, id, updated_ms, deleted, requester_key, respondent_key, ticket_key,
       organisation_key FROM records WHERE source = 'hubspot' AND account = ?`,
    account,
  )
  const stored = new Map(rows.map((r) => [`${r.object}:${r.id}`, r]))
  const erasedContacts = new Set(truth.rows.contacts.filter((r) => r[3] === 1).map((r) => r[0]))
  const erasedTickets = new Set(
    truth.rows.tickets.filter((r) => erasedContacts.has(r[4])).map((r) => r[0]),
  )
  const isErased = (type: keyof HubSpotTruth['rows'], row: TruthRow) =>
    type === 'contacts'
      ? row[3] === 1
      : type === 'tickets'
        ? erasedContacts.has(row[4])
        : type === 'feedback_submissions'
          ? erasedContacts.has(row[4]) || erasedTickets.has(row[5])
          : false

  const types = {} as Record<keyof HubSpotTruth['rows'], TypeCheck>
  for (const type of Object.keys(OBJECT) as (keyof HubSpotTruth['rows'])[]) {
    const object = OBJECT[type]
    const check: TypeCheck = {
      truth: truth.rows[type].length,
      archived: 0,
      erased: 0,
      stored: rows.filter((r) => r.object === object).length,
      missing: [],
      extra: [],
      notErased: [],
      modifiedDiffers: [],
      deletionDiffers: [],
      associationDiffers: [],
    }
    const known = new Set<string>()
    for (const row of truth.rows[type]) {
      const [id, modifiedMs, archived, , contact, other] = row
      known.add(id)
      const got = stored.get(`${object}:${id}`)
      if (isErased(type, row)) {
        check.erased++
        if (got) check.notErased.push(id)
        continue
      }
      if (archived) check.archived++
      if (!got) {
        check.missing.push(id)
        continue
      }
      if (got.updated_ms !== modifiedMs) check.modifiedDiffers.push(id)
      if ((got.deleted === 1) !== (archived === 1)) check.deletionDiffers.push(id)
      if (archived) continue
      const expect = (actual: string | null, object: string, id: string) =>
        actual === (id === '' ? null : ref(object, id))
      const associated =
        type === 'tickets'
          ? expect(got.requester_key, 'contact', contact) &&
            expect(got.organisation_key, 'company', other)
          : type === 'feedback_submissions'
            ? expect(got.respondent_key, 'contact', contact) &&
              expect(got.ticket_key, 'ticket', other)
            : type === 'contacts'
              ? expect(got.organisation_key, 'company', other)
              : true
      if (!associated) check.associationDiffers.push(id)
    }
    for (const r of rows) if (r.object === object && !known.has(r.id)) check.extra.push(r.id)
    types[type] = check
  }

  const merges = store.sql.all<{ from_key: string; into_key: string }>(
    'SELECT from_key, into_key FROM merges',
  )
  const recorded = new Set(merges.map((m) => `${m.from_key}>${m.into_key}`))
  const mergesMissing = truth.merges.filter(
    (m) => !recorded.has(`${ref('contact', m.loser)}>${ref('contact', m.survivor)}`),
  )
  const failures = Object.values(types).reduce(
    (n, c) =>
      n +
      c.missing.length +
      c.extra.length +
      c.notErased.length +
      c.modifiedDiffers.length +
      c.deletionDiffers.length +
      c.associationDiffers.length,
    0,
  )
  return {
    types,
    merges: truth.merges.length,
    mergesMissing: mergesMissing.length,
    pass: failures === 0 && mergesMissing.length === 0,
  }
}
