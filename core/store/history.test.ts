import { beforeEach, describe, expect, it } from 'vitest'
import type { UnifiedRecord } from '../model/index.ts'
import { derivePendingSlice } from '../sync/derive.ts'
import { decodeHistoryCursor } from './history.ts'
import { openNodeSqlite } from './node-sqlite.ts'
import { person, response, ticket, writeRecords, zdRef } from './records.fixtures.ts'
import { TenantStore } from './tenant-store.ts'

const now = Date.UTC(2026, 1, 1)
let store: TenantStore

function write(records: UnifiedRecord[]) {
  writeRecords(store, records)
  while (derivePendingSlice(store, { now }).remaining > 0);
}

/** Every page of one kind, following the cursors. */
function pageAll(customerId: string, kind: 'ticket' | 'csat', limit: number) {
  const ids: string[] = []
  let after: [string, string] | null = null
  let pages = 0
  for (;;) {
    const page = store.customerHistory({ customerId, kind, limit, after })!
    pages++
    expect(page.items.length).toBeLessThanOrEqual(limit)
    ids.push(...page.items.map((item) => item.ref.id))
    if (!page.nextCursor) break
    after = decodeHistoryCursor(page.nextCursor)
    expect(after).not.toBeNull()
  }
  return { ids, pages }
}

beforeEach(() => {
  store = new TenantStore(openNodeSqlite(), { clock: { now: () => now } })
  store.migrate()
  // Person 1 (the busy one, two tickets per minute so instants tie), person 2 a stranger.
  const records: UnifiedRecord[] = [person(1, 1), person(2, 1)]
  for (let i = 1; i <= 57; i++) {
    records.push(
      ticket(i, 1, i, { createdAt: new Date(Date.UTC(2025, 0, 1, 0, i >> 1)).toISOString() }),
    )
    records.push(response(`r${i}`, i % 2 ? 1 : null, i % 2 ? null : i, i))
  }
  records.push(ticket(1000, 2, 5), response('r1000', 2, null, 5))
  records.push(ticket(58, 1, 58, { status: 'deleted', sourceStatus: 'deleted' }))
  write(records)
})

describe('customer history', () => {
  it('pages through every ticket exactly once, newest first, and nothing of others', () => {
    const customerId = store.findCustomerId({ by: 'person', ref: zdRef('user', 1) })!
    const { ids, pages } = pageAll(customerId, 'ticket', 10)
    expect(pages).toBe(6)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(Array.from({ length: 57 }, (_, i) => String(i + 1)).sort())
    const first = store.customerHistory({ customerId, kind: 'ticket', limit: 3, after: null })!
    expect(first.items.map((t) => t.ref.id)).toEqual(['57', '56', '55'])
  })

  it("pages answers given by the customer's people or about their tickets", () => {
    const customerId = store.findCustomerId({ by: 'person', ref: zdRef('user', 1) })!
    const { ids } = pageAll(customerId, 'csat', 7)
    expect(ids).toHaveLength(57)
    expect(new Set(ids).size).toBe(57)
    expect(ids).not.toContain('r1000')
    expect(store.customerHistory({ customerId, kind: 'nps', limit: 5, after: null })).toEqual({
      kind: 'nps',
      items: [],
      nextCursor: null,
    })
  })

  it('sees a ticket written between pages once (a new one sorts before the cursor)', () => {
    const customerId = store.findCustomerId({ by: 'person', ref: zdRef('user', 1) })!
    const first = store.customerHistory({ customerId, kind: 'ticket', limit: 20, after: null })!
    write([ticket(99, 1, 99, { createdAt: new Date(Date.UTC(2025, 5, 1)).toISOString() })])
    const seen = first.items.map((t) => t.ref.id)
    let after = decodeHistoryCursor(first.nextCursor!)
    while (after) {
      const page = store.customerHistory({ customerId, kind: 'ticket', limit: 20, after })!
      seen.push(...page.items.map((t) => t.ref.id))
      after = page.nextCursor ? decodeHistoryCursor(page.nextCursor) : null
    }
    expect(seen).toHaveLength(57)
    expect(new Set(seen).size).toBe(57)
  })

  it('answers null for an unknown customer and rejects a forged cursor', () => {
    expect(
      store.customerHistory({ customerId: 'cus_x', kind: 'ticket', limit: 5, after: null }),
    ).toBeNull()
    expect(decodeHistoryCursor('not-a-cursor')).toBeNull()
    expect(decodeHistoryCursor(btoa('[1,2]'))).toBeNull()
  })
})
