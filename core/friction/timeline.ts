import { compareText } from '../identity/index.ts'
import {
  refKey,
  type Customer,
  type Person,
  type SurveyResponse,
  type TenantSettings,
  type Ticket,
} from '../model/index.ts'

/** What the friction rules and the view read: one customer's records, oldest first. */
export interface Timeline {
  /** Not deleted, one version per ref (the newest), by creation time. */
  tickets: Ticket[]
  /** Not deleted, one version per ref (the newest), by submission time. */
  responses: SurveyResponse[]
}

export interface CustomerRecords {
  customer: Customer
  /** Every person of the customer's cluster, merged-away identities included. */
  people: Person[]
  tickets: Ticket[]
  responses: SurveyResponse[]
  settings: TenantSettings
  /** Milliseconds since the epoch: the one clock, injected. */
  now: number
}

/**
 * Keeps the records that belong to the customer: tickets requested by one of its people (merged-away
 * identities included, so a merge folds their history in), and survey answers given by one of them
 * or about one of those tickets (a Zendesk user merge re-points the loser's tickets but its answers
 * still name the deactivated loser). Anything else the caller passed is ignored.
 */
export function customerTimeline(input: Omit<CustomerRecords, 'settings' | 'now'>): Timeline {
  const members = new Set([
    ...input.people.map((p) => refKey(p.ref)),
    ...input.customer.identities.map(refKey),
  ])
  const tickets = newestVersions(input.tickets).filter(
    (t) => t.status !== 'deleted' && t.requester !== null && members.has(refKey(t.requester)),
  )
  const ticketKeys = new Set(tickets.map((t) => refKey(t.ref)))
  const responses = newestVersions(input.responses).filter(
    (r) =>
      !r.deleted &&
      ((r.respondent !== null && members.has(refKey(r.respondent))) ||
        (r.ticket !== null && ticketKeys.has(refKey(r.ticket)))),
  )
  return {
    tickets: tickets.sort(byTime((t) => t.createdAt)),
    responses: responses.sort(byTime((r) => r.submittedAt)),
  }
}

function newestVersions<T extends { ref: Ticket['ref']; updatedAt: string }>(
  records: readonly T[],
) {
  const byRef = new Map<string, T>()
  for (const record of records) {
    const known = byRef.get(refKey(record.ref))
    if (!known || Date.parse(record.updatedAt) > Date.parse(known.updatedAt)) {
      byRef.set(refKey(record.ref), record)
    }
  }
  return [...byRef.values()]
}

/** Oldest first; ties broken by ref key so every derivation orders records the same way. */
export function byTime<T extends { ref: Ticket['ref'] }>(instantOf: (record: T) => string) {
  return (a: T, b: T): number =>
    Date.parse(instantOf(a)) - Date.parse(instantOf(b)) || compareText(refKey(a.ref), refKey(b.ref))
}
