import { describe, expect, it } from 'vitest'
import { refKey, type Person, type UnifiedRecord } from '../model/index.ts'
import { loadClusterRecords } from './cluster-records.ts'
import { loadOrganisations, loadPeople, loadResponsesOf, loadTicketsOf } from './customers.ts'
import { openNodeSqlite } from './node-sqlite.ts'
import { organisation, person, response, ticket, zdRef } from './records.fixtures.ts'
import { TenantStore } from './tenant-store.ts'

describe('loadClusterRecords', () => {
  it('gives each cluster what its own three queries give, in the same order', () => {
    const store = new TenantStore(openNodeSqlite())
    store.migrate()
    const org = (id: number) => ({ organisation: zdRef('organization', id) })
    const records: UnifiedRecord[] = [
      organisation(1, 1),
      organisation(2, 1),
      person(1, 1, org(1)),
      person(2, 1, org(2)),
      person(3, 1, org(1)),
      person(4, 1),
      // Ids chosen so ref-key order differs from insertion order.
      ticket(30, 1, 1),
      ticket(4, 1, 2),
      ticket(5, 2, 1),
      ticket(6, 3, 1, { status: 'deleted' }),
      ticket(7, 4, 1),
      // Person 2 answers about person 1's ticket: both customers show it.
      response(100, 2, 30, 1),
      response(11, 1, null, 1),
      response(12, null, 5, 1),
      // About a deleted ticket by someone else: nobody's; by its requester: theirs.
      response(13, null, 6, 1),
      response(14, 3, 6, 1),
      response(15, 1, 4, 1, { deleted: true }),
      // Out of bounds (stored before the bounds existed): dropped as loadResponsesOf drops it.
      response(16, 4, null, 1, { score: 7 }),
    ]
    store.sql.transaction(() => {
      for (const r of records) {
        if (!('record' in r)) continue
        const requester = r.kind === 'ticket' ? r.record.requester : null
        const respondent = r.kind === 'survey_response' ? r.record.respondent : null
        const about = r.kind === 'survey_response' ? r.record.ticket : null
        const deleted =
          r.kind === 'ticket'
            ? r.record.status === 'deleted'
            : 'deleted' in r.record && r.record.deleted
        store.sql.run(
          `INSERT INTO records (source, account, object, id, ref_key, kind, updated_at, updated_ms,
             deleted, body, requester_key, respondent_key, ticket_key) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
          ...[r.record.ref.source, r.record.ref.account, r.record.ref.object, r.record.ref.id],
          refKey(r.record.ref),
          r.kind,
          r.record.updatedAt,
          deleted ? 1 : 0,
          JSON.stringify(r.record),
          requester && refKey(requester),
          respondent && refKey(respondent),
          about && refKey(about),
        )
      }
    })
    const people = loadPeople(
      store.sql,
      [1, 2, 3, 4].map((id) => refKey(zdRef('user', id))),
    )
    const byId = (...ids: number[]) => people.filter((p) => ids.includes(Number(p.ref.id)))
    const clusters: Person[][] = [byId(1, 3), byId(2), byId(4)]

    const oneByOne = clusters.map((cluster) => {
      const keys = cluster.map((p) => refKey(p.ref))
      const tickets = loadTicketsOf(store.sql, keys)
      return {
        tickets,
        responses: loadResponsesOf(
          store.sql,
          keys,
          tickets.map((t) => refKey(t.ref)),
        ),
        organisations: loadOrganisations(
          store.sql,
          cluster.flatMap((p) => (p.organisation ? [refKey(p.organisation)] : [])),
        ),
      }
    })
    const batched = loadClusterRecords(store.sql, clusters)
    expect(batched).toEqual(oneByOne)
    // The case that matters is there: one answer in two customers.
    expect(batched[0]!.responses.map((r) => r.ref.id)).toContain('100')
    expect(batched[1]!.responses.map((r) => r.ref.id)).toContain('100')
    expect(batched[0]!.tickets.map((t) => t.ref.id)).toEqual(['30', '4'])
  })
})
