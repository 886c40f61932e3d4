import { normaliseEmail } from '../../../core/identity/index.ts'
import {
  normalise,
  type Person,
  type SourceRef,
  type SurveyResponse,
  type UnifiedRecord,
} from '../../../core/model/index.ts'
import type { TenantStore } from '../../../core/store/index.ts'
import { derivePendingSlice } from '../../../core/sync/derive.ts'
import { sha256Hex } from '../crypto.ts'
import { DEFAULT_SCALES, type RejectedRow, type ResponseInput } from './response-input.ts'

export interface ImportResult {
  /** Rows stored: new responses, or newer versions of known ones. */
  written: number
  /** Rows the store already had in this version or a newer one (a resend). */
  unchanged: number
  rejected: RejectedRow[]
}

/**
 * The respondent as an import identity: keyed by a hash of the normalised address (ids travel in
 * URLs and logs; the address itself stays in the record), carrying the address so identity
 * resolution joins it to the customer with that email.
 */
async function respondentRef(feed: string, email: string): Promise<SourceRef> {
  const id = 'em_' + (await sha256Hex(normaliseEmail(email) ?? email.toLowerCase())).slice(0, 24)
  return { source: 'import', account: feed, object: 'person', id }
}

function toRecords(
  feed: string,
  input: ResponseInput,
  respondent: SourceRef,
  ticket: SourceRef | null,
): UnifiedRecord[] {
  const scale = input.scale ?? DEFAULT_SCALES[input.kind]
  const person: Person = {
    ref: respondent,
    name: null,
    emails: [input.email],
    phones: [],
    externalId: null,
    organisation: null,
    role: 'end_user',
    locale: null,
    links: [],
    mergedInto: null,
    deleted: false,
    createdAt: input.submittedAt,
    updatedAt: input.submittedAt,
  }
  const response: SurveyResponse = {
    ref: { source: 'import', account: feed, object: 'response', id: input.id },
    kind: input.kind,
    score: input.score,
    scale: { min: scale.min, max: scale.max },
    normalised: normalise(input.score, scale),
    comment: input.comment?.trim() ? input.comment : null,
    reasons: [],
    sentiment: null,
    submittedAt: input.submittedAt,
    updatedAt: input.updatedAt ?? input.submittedAt,
    respondent,
    ticket,
    survey: {
      id: input.survey?.id ?? `${feed}:${input.kind}`,
      name: input.survey?.name ?? null,
      channel: input.survey?.channel ?? null,
    },
    deleted: false,
  }
  return [
    { kind: 'person', record: person },
    { kind: 'survey_response', record: response },
  ]
}

/**
 * Writes validated survey answers of one feed (`import:<feed>`) in one transaction, with their
 * respondents, then re-derives the touched customers. A ticket without an account takes the
 * tenant's only account of its source; a row that cannot is rejected.
 */
export async function importResponses(
  store: TenantStore,
  feed: string,
  rows: { row: number; input: ResponseInput }[],
  nowMs: number,
): Promise<ImportResult> {
  const accounts = (source: string) =>
    store
      .listConnections()
      .filter((c) => c.source === source)
      .map((c) => c.account)
  const rejected: RejectedRow[] = []
  const records: UnifiedRecord[] = []
  let written = 0
  let unchanged = 0
  for (const { row, input } of rows) {
    let ticket: SourceRef | null = null
    if (input.ticket) {
      const known = accounts(input.ticket.source)
      const account = input.ticket.account ?? (known.length === 1 ? known[0] : undefined)
      if (!account) {
        const reason = known.length
          ? `name the account: one of ${known.join(', ')}`
          : `this tenant has no ${input.ticket.source} connection`
        rejected.push({ row, field: 'ticket.account', reason })
        continue
      }
      ticket = { source: input.ticket.source, account, object: 'ticket', id: input.ticket.id }
    }
    const batch = toRecords(feed, input, await respondentRef(feed, input.email), ticket)
    const response = batch[1]!
    if (response.kind !== 'survey_response') throw new Error('unreachable')
    const stored = store.getRecord(response.record.ref)
    if (stored && Date.parse(stored.updatedAt) >= Date.parse(response.record.updatedAt)) {
      unchanged++
    } else written++
    records.push(...batch)
  }
  if (records.length > 0) {
    store.writePage({
      connectionId: `feed:${feed}`,
      stream: 'responses',
      records,
      quarantined: [],
      cursor: null,
      state: { status: 'idle', lastSuccessMs: nowMs, counts: { fetched: rows.length } },
    })
    // Bounded like every derive: the tenant's alarm finishes a longer queue.
    derivePendingSlice(store, { now: nowMs })
  }
  return { written, unchanged, rejected }
}
