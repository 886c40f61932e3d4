import type {
  Organisation,
  Person,
  SourceRef,
  SurveyResponse,
  Ticket,
  UnifiedRecord,
} from '../model/index.ts'
import type { TenantStore } from './tenant-store.ts'

/** Small builders of valid unified records for store and engine tests. */

export const at = (minute: number): string =>
  new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString()

export const zdRef = (object: string, id: string | number): SourceRef => ({
  source: 'zendesk',
  account: 'acme',
  object,
  id: String(id),
})

export function person(
  id: string | number,
  minute: number,
  fields: Partial<Person> = {},
): UnifiedRecord {
  const record: Person = {
    ref: zdRef('user', id),
    name: `Person ${id}`,
    emails: [`p${id}@example.com`],
    phones: [],
    externalId: null,
    organisation: null,
    role: 'end_user',
    locale: null,
    links: [],
    mergedInto: null,
    deleted: false,
    createdAt: at(0),
    updatedAt: at(minute),
    ...fields,
  }
  return { kind: 'person', record }
}

export function ticket(
  id: string | number,
  requester: string | number,
  minute: number,
  fields: Partial<Ticket> = {},
): UnifiedRecord {
  const record: Ticket = {
    ref: zdRef('ticket', id),
    subject: `Ticket ${id}`,
    status: 'open',
    sourceStatus: 'open',
    priority: null,
    channel: 'email',
    requester: zdRef('user', requester),
    organisation: null,
    tags: [],
    createdAt: at(0),
    updatedAt: at(minute),
    solvedAt: null,
    requesterUpdatedAt: null,
    firstReplyMinutes: null,
    fullResolutionMinutes: null,
    reopens: 0,
    replies: null,
    ...fields,
  }
  return { kind: 'ticket', record }
}

export function response(
  id: string | number,
  respondent: string | number | null,
  ticketId: string | number | null,
  minute: number,
  fields: Partial<SurveyResponse> = {},
): UnifiedRecord {
  const record: SurveyResponse = {
    ref: zdRef('satisfaction_rating', id),
    kind: 'csat',
    score: 1,
    scale: { min: 0, max: 1 },
    normalised: 1,
    comment: null,
    reasons: [],
    sentiment: null,
    submittedAt: at(minute),
    updatedAt: at(minute),
    respondent: respondent === null ? null : zdRef('user', respondent),
    ticket: ticketId === null ? null : zdRef('ticket', ticketId),
    survey: { id: 'csat', name: null, channel: null },
    deleted: false,
    ...fields,
  }
  return { kind: 'survey_response', record }
}

export function organisation(
  id: string | number,
  minute: number,
  name = `Org ${id}`,
): UnifiedRecord {
  const record: Organisation = {
    ref: zdRef('organization', id),
    name,
    domains: [],
    deleted: false,
    createdAt: at(0),
    updatedAt: at(minute),
  }
  return { kind: 'organisation', record }
}

/** Writes records as one committed page of a test connection ('zd', stream 's'). */
export function writeRecords(store: TenantStore, records: UnifiedRecord[]): void {
  store.writePage({
    connectionId: 'zd',
    stream: 's',
    records,
    quarantined: [],
    cursor: 'c',
    state: {},
  })
}
