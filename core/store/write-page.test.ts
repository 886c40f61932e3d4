import { beforeEach, describe, expect, it } from 'vitest'
import type { UnifiedRecord } from '../model/index.ts'
import { openNodeSqlite } from './node-sqlite.ts'
import { at, person, response, ticket, zdRef } from './records.fixtures.ts'
import { TenantStore } from './tenant-store.ts'
import { tombstoneRange } from './tombstone.ts'

// writePage reads what it compares once per page (page-lookups.ts): these are the cases where the
// page's own writes must change what later records of the same page see.
const page = (records: UnifiedRecord[]) => ({
  connectionId: 'zd',
  stream: 'users',
  records,
  quarantined: [],
  cursor: 'c',
  state: { status: 'running' as const },
})
const erase = (id: number, minute: number): UnifiedRecord => ({
  kind: 'erase',
  ref: zdRef('user', id),
  at: at(minute),
})

let store: TenantStore
beforeEach(() => {
  store = new TenantStore(openNodeSqlite(), { clock: { now: () => Date.UTC(2026, 0, 2) } })
  store.migrate()
})

describe('writePage within one page', () => {
  it('counts a repeated version as stale and takes a newer one', () => {
    const result = store.writePage(
      page([ticket(10, 1, 5), ticket(10, 1, 5), ticket(10, 1, 7, { subject: 'newer' })]),
    )
    expect(result).toMatchObject({ written: 2, stale: 1 })
    expect(store.getRecord(zdRef('ticket', 10))?.body).toMatchObject({ subject: 'newer' })
  })

  it('keeps out what follows an erase in the same page, and lets others in', () => {
    const result = store.writePage(
      page([
        person(1, 1),
        ticket(10, 1, 1),
        erase(1, 30),
        ticket(10, 1, 1),
        response(100, 1, null, 20),
        person(1, 2),
        ticket(20, 2, 1),
      ]),
    )
    expect(store.getRecord(zdRef('user', 1))).toBeNull()
    expect(store.getRecord(zdRef('ticket', 10))).toBeNull()
    expect(store.getRecord(zdRef('satisfaction_rating', 100))).toBeNull()
    expect(store.getRecord(zdRef('ticket', 20))).not.toBeNull()
    expect(result.written).toBe(3)
  })

  it('applies a merge to its loser arriving later in the same page', () => {
    store.writePage(
      page([
        { kind: 'merge', from: zdRef('user', 3), into: zdRef('user', 2), at: at(5) },
        person(3, 1),
      ]),
    )
    expect(store.getRecord(zdRef('user', 3))?.body).toMatchObject({ mergedInto: zdRef('user', 2) })
  })

  it('finds a tombstone written before tombstones were hashed', () => {
    store.sql.run(
      'INSERT INTO erasures (ref_key, until_ms) VALUES (?, ?)',
      'zendesk:acme:user:1',
      Date.parse(at(30)),
    )
    expect(store.writePage(page([person(1, 10), ticket(10, 1, 10)]))).toMatchObject({
      written: 0,
      stale: 2,
    })
    expect(store.writePage(page([person(1, 40)])).written).toBe(1)
  })

  it('probes tombstones by source, account and object', () => {
    expect(tombstoneRange('zendesk:acme:user:1')).toEqual([
      'zendesk:acme:user:',
      'zendesk:acme:user;',
    ])
    // Another account's erasure of the same id does not keep this one out.
    store.sql.run(
      'INSERT INTO erasures (ref_key, until_ms) VALUES (?, ?)',
      'zendesk:other:user:1',
      Date.parse(at(30)),
    )
    expect(store.writePage(page([person(1, 10)])).written).toBe(1)
  })
})
