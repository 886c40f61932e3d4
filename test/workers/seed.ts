import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import type {
  Person,
  Source,
  SourceRef,
  SurveyResponse,
  Ticket,
  UnifiedRecord,
} from '../../core/model/index.ts'
import { derivePendingSlice } from '../../core/sync/derive.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import type { Tenant } from '../../apps/worker/tenant/tenant.ts'

/**
 * Writes records straight into a tenant's store, as a finished sync would, and derives the
 * customers: for tests of the read paths that need no vendor. `account` also gets a connection row
 * (no schedule, so no alarm ever syncs it) so lookups by vendor id know the account.
 */
export async function seed(
  tenantId: string,
  connection: { source: Source; account: string },
  records: UnifiedRecord[],
  /** `derive: false` leaves the people queued, as mid-backfill before the alarm reached them. */
  options: { derive?: boolean } = {},
): Promise<void> {
  await runInDurableObject(tenantStub(env, tenantId), (instance: Tenant) => {
    const store = instance.store
    const id = `con_seed${connection.source}${connection.account}`.slice(0, 40)
    if (!store.getConnection(id)) {
      store.putConnection({
        id,
        ...connection,
        baseUrl: 'https://seed.invalid',
        credentials: null,
        settings: {},
      })
    }
    store.writePage({
      connectionId: id,
      stream: 'seed',
      records,
      quarantined: [],
      cursor: null,
      state: { status: 'idle', lastSuccessMs: Date.now() },
    })
    if (options.derive === false) return
    while (derivePendingSlice(store, { now: Date.now() }).remaining > 0);
  })
}

const T0 = '2026-01-01T00:00:00.000Z'
const recently = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString()

export const ref = (source: Source, account: string, object: string, id: string): SourceRef => ({
  source,
  account,
  object,
  id,
})

export function personRecord(at: SourceRef, email: string, name = 'Test Person'): UnifiedRecord {
  const record: Person = {
    ref: at,
    name,
    emails: [email],
    phones: [],
    externalId: null,
    organisation: null,
    role: 'end_user',
    locale: null,
    links: [],
    mergedInto: null,
    deleted: false,
    createdAt: T0,
    updatedAt: T0,
  }
  return { kind: 'person', record }
}

export function ticketRecord(
  at: SourceRef,
  requester: SourceRef,
  fields: Partial<Ticket> = {},
): UnifiedRecord {
  const record: Ticket = {
    ref: at,
    subject: `Ticket ${at.id}`,
    status: 'open',
    sourceStatus: 'open',
    priority: null,
    channel: 'email',
    requester,
    organisation: null,
    tags: [],
    createdAt: recently(3),
    updatedAt: recently(2),
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

export function npsRecord(at: SourceRef, respondent: SourceRef, score: number): UnifiedRecord {
  const record: SurveyResponse = {
    ref: at,
    kind: 'nps',
    score,
    scale: { min: 0, max: 10 },
    normalised: score / 10,
    comment: null,
    reasons: [],
    sentiment: null,
    submittedAt: recently(5),
    updatedAt: recently(5),
    respondent,
    ticket: null,
    survey: { id: 'nps', name: null, channel: null },
    deleted: false,
  }
  return { kind: 'survey_response', record }
}
