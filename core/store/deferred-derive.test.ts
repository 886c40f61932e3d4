import { describe, expect, it } from 'vitest'
import { refKey, type UnifiedRecord } from '../model/index.ts'
import { derivePendingSlice } from '../sync/derive.ts'
import { openNodeSqlite } from './node-sqlite.ts'
import { at, person, ticket, zdRef } from './records.fixtures.ts'
import { TenantStore } from './tenant-store.ts'

const key = (id: number) => refKey(zdRef('user', id))

/** Users 1–3 with views, then a backfill page of connection `zd` naming them again. */
function storeMidBackfill() {
  const store = new TenantStore(openNodeSqlite())
  store.migrate()
  for (const id of ['zd', 'other']) {
    store.putConnection({
      id,
      source: 'zendesk',
      account: id === 'zd' ? 'acme' : 'beta',
      baseUrl: 'https://fake.test',
      credentials: null,
      settings: {},
    })
  }
  page(store, 'zd', [person(1, 1), person(2, 1), person(3, 1)], true)
  derivePendingSlice(store, { now: Date.now() })
  page(store, 'zd', [ticket(10, 1, 1), ticket(11, 2, 1), ticket(12, 3, 1)], true)
  return store
}

function page(store: TenantStore, connectionId: string, records: UnifiedRecord[], defer = false) {
  store.writePage({
    connectionId,
    stream: 's',
    records,
    quarantined: [],
    cursor: null,
    state: {},
    deferDerive: defer,
  })
}

describe('the derive queue during a backfill', () => {
  it('holds the people with a view its pages queue until its first run finishes', () => {
    const store = storeMidBackfill()
    expect(store.inBackfill('zd')).toBe(true)
    expect(store.countDeferredDerive()).toBe(3)
    expect(store.pendingDerive()).toEqual([])
    // Another connection's finished run does not end this backfill.
    store.finishRun(store.openRun('other'))
    expect(store.countDeferredDerive()).toBe(3)
    store.finishRun(store.openRun('zd'))
    expect(store.inBackfill('zd')).toBe(false)
    expect(store.countDeferredDerive()).toBe(0)
    expect(store.pendingDerive()).toEqual([key(1), key(2), key(3)])
  })

  it('releases them when the connection is deleted mid-backfill', () => {
    const store = storeMidBackfill()
    store.deleteConnection('zd')
    expect(store.countPendingDerive()).toBe(3)
  })

  it('derives an erasure and a merge from a backfill page promptly', () => {
    const store = storeMidBackfill()
    page(store, 'zd', [{ kind: 'erase', ref: zdRef('user', 2), at: at(5) }], true)
    page(
      store,
      'zd',
      [{ kind: 'merge', from: zdRef('user', 3), into: zdRef('user', 1), at: at(6) }],
      true,
    )
    expect(store.pendingDerive()).toEqual([key(1), key(2), key(3)])
    derivePendingSlice(store, { now: Date.now() })
    expect(store.findCustomerId({ by: 'person', ref: zdRef('user', 2) })).toBeNull()
    expect(store.countPendingDerive()).toBe(0)
  })

  it('keeps a prompt entry prompt when a backfill page names the person again', () => {
    const store = storeMidBackfill()
    page(store, 'other', [ticket(20, 1, 2)])
    page(store, 'zd', [ticket(21, 1, 2)], true)
    expect(store.pendingDerive()).toEqual([key(1)])
  })
})
