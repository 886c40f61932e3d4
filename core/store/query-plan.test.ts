import { describe, expect, it } from 'vitest'
import { loadClusterRecords } from './cluster-records.ts'
import { loadPeople, loadResponsesOf, loadTicketsOf } from './customers.ts'
import { person } from './records.fixtures.ts'
import { openNodeSqlite } from './node-sqlite.ts'
import type { SqlPort, SqlValue } from './port.ts'
import { TenantStore } from './tenant-store.ts'

// A customer derive reads one customer's records: each read must be an index lookup, never a scan
// of the records table, or a backfill turns quadratic (the benchmark measured it before 0006).
describe('query plans of the derive reads', () => {
  const db = openNodeSqlite()
  new TenantStore(db).migrate()

  /** Runs `read` on a port that records its queries, then returns SQLite's plan for each. */
  const plansOf = (read: (sql: SqlPort) => unknown): string => {
    const queries: Array<[string, SqlValue[]]> = []
    const spy: SqlPort = {
      ...db,
      all: (query, ...params) => {
        queries.push([query, params])
        return db.all(query, ...params)
      },
    }
    read(spy)
    expect(queries.length).toBeGreaterThan(0)
    return queries
      .flatMap(([query, params]) =>
        db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${query}`, ...params),
      )
      .map((row) => row.detail)
      .join(' | ')
  }

  it('finds a customer’s tickets through the requester index', () => {
    const plan = plansOf((sql) => loadTicketsOf(sql, ['zendesk:acme:user:1']))
    expect(plan).toContain('records_requester')
    expect(plan).not.toMatch(/SCAN records\b/)
  })

  it('finds survey responses through the respondent and ticket indexes', () => {
    const plan = plansOf((sql) => loadResponsesOf(sql, ['a'], ['zendesk:acme:ticket:1']))
    expect(plan).toContain('records_respondent')
    expect(plan).toContain('records_ticket')
    expect(plan).not.toMatch(/SCAN records\b/)
  })

  it('reads a derive batch’s records through the same indexes', () => {
    const people = [person(1, 1), person(2, 1)].flatMap((r) =>
      r.kind === 'person' ? [r.record] : [],
    )
    const plan = plansOf((sql) => loadClusterRecords(sql, [people]))
    expect(plan).toContain('records_requester')
    expect(plan).toContain('records_respondent')
    expect(plan).toContain('records_ticket')
    expect(plan).not.toMatch(/SCAN records\b/)
  })

  it('loads people by their reference key', () => {
    const plan = plansOf((sql) => loadPeople(sql, ['zendesk:acme:user:1']))
    expect(plan).not.toMatch(/SCAN records\b/)
  })
})
