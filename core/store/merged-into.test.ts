import { describe, expect, it } from 'vitest'
import { derivePendingSlice } from '../sync/derive.ts'
import type { UnifiedRecord } from '../model/index.ts'
import { openNodeSqlite } from './node-sqlite.ts'
import { at, person, zdRef } from './records.fixtures.ts'
import { TenantStore } from './tenant-store.ts'

const merge = (from: number, into: number): UnifiedRecord => ({
  kind: 'merge',
  from: zdRef('user', from),
  into: zdRef('user', into),
  at: at(10),
})

function storeWith(records: UnifiedRecord[]) {
  const store = new TenantStore(openNodeSqlite(), { clock: { now: () => Date.UTC(2026, 0, 2) } })
  store.migrate()
  store.writePage({
    connectionId: 'zd',
    stream: 'users',
    records,
    quarantined: [],
    cursor: 'c1',
    state: { status: 'running' },
  })
  derivePendingSlice(store, { now: Date.UTC(2026, 0, 2) })
  return store
}

const customerOf = (store: TenantStore, id: number) =>
  store.findCustomerId({ by: 'person', ref: zdRef('user', id) })

describe('looking a person up by a merged-away id', () => {
  it('finds the survivor’s customer when the loser was never synced, along a chain', () => {
    const store = storeWith([person(2, 5), merge(1, 2), merge(4, 1)])
    const survivor = customerOf(store, 2)
    expect(survivor).not.toBeNull()
    expect(customerOf(store, 1)).toBe(survivor)
    expect(customerOf(store, 4)).toBe(survivor)
    expect(store.getView(customerOf(store, 1)!)).not.toBeNull()
  })

  it('finds the survivor’s customer when the loser is stored as deleted', () => {
    const store = storeWith([person(3, 1, { deleted: true }), person(2, 5), merge(3, 2)])
    expect(customerOf(store, 3)).toBe(customerOf(store, 2))
  })

  it('finds nothing for an unknown id, and ends on a merge cycle', () => {
    const store = storeWith([person(2, 5), merge(5, 6), merge(6, 5)])
    expect(customerOf(store, 9)).toBeNull()
    expect(customerOf(store, 5)).toBeNull()
  })
})
