import { describe, expect, it } from 'vitest'
import { refKey } from '../model/index.ts'
import { openNodeSqlite } from './node-sqlite.ts'
import { person, zdRef } from './records.fixtures.ts'
import { TenantStore } from './tenant-store.ts'

function storeWithCustomers() {
  const store = new TenantStore(openNodeSqlite())
  store.migrate()
  store.writePage({
    connectionId: 'zd',
    stream: 'users',
    // Persons 1 and 2 share an address: one customer with two members; 3 is alone.
    records: [
      person(1, 1, { emails: ['same@example.com'] }),
      person(2, 1, { emails: ['same@example.com'] }),
      person(3, 1),
    ],
    quarantined: [],
    cursor: null,
    state: { status: 'idle' },
  })
  // As a derive would leave it: members written, queue drained.
  store.sql.run(
    "INSERT INTO customer_members VALUES (?, 'cus_a'), (?, 'cus_a'), (?, 'cus_b')",
    refKey(zdRef('user', 1)),
    refKey(zdRef('user', 2)),
    refKey(zdRef('user', 3)),
  )
  store.sql.run('DELETE FROM pending_derive')
  return store
}

describe('TenantStore.queueRederiveAll', () => {
  it('queues every member of every customer, once', () => {
    const store = storeWithCustomers()
    expect(store.countPendingDerive()).toBe(0)
    expect(store.queueRederiveAll()).toBe(3)
    expect(store.pendingDerive()).toEqual([1, 2, 3].map((id) => refKey(zdRef('user', id))).sort())
    // Already queued people are not doubled; the count includes what was waiting before.
    store.sql.run("INSERT INTO pending_derive (ref_key) VALUES ('zendesk:acme:user:99')")
    expect(store.queueRederiveAll()).toBe(4)
    expect(store.countPendingDerive()).toBe(4)
  })

  it('queues nobody in a store without customers', () => {
    const store = new TenantStore(openNodeSqlite())
    store.migrate()
    expect(store.queueRederiveAll()).toBe(0)
  })
})

describe('TenantStore.replaceSettings', () => {
  it('stores the settings and queues every member in one go', () => {
    const store = storeWithCustomers()
    const defaults = store.getSettings()
    const settings = { friction: { ...defaults.friction, reopensMin: 3 } }
    expect(store.replaceSettings(settings)).toEqual(store.getSettings())
    expect(store.getSettings()).toEqual(settings)
    expect(store.countPendingDerive()).toBe(3)
  })
})
