import { describe, expect, it } from 'vitest'
import { at, zdRef } from '../store/records.fixtures.ts'
import type { TenantStore } from '../store/index.ts'
import { derivePendingSlice } from './derive.ts'
import { createFakeClock } from './fake-clock.ts'
import { createRateBudget } from './rate-budget.ts'
import { FakeVendor, openFakeVendorStore, type FakeItem } from './fake-vendor.fixtures.ts'
import { runSlice, type SliceOptions } from './run-slice.ts'

const item = (id: number, v: number, extra: Partial<FakeItem> = {}): FakeItem => ({
  id,
  v,
  ...extra,
})

/** Users and tickets with repeats, out-of-order versions, deletions and two malformed items. */
function seededVendor(clock: ReturnType<typeof createFakeClock>, msPerRequest = 0) {
  const vendor = new FakeVendor(clock, 3, msPerRequest)
  vendor.logs.users.push(
    item(1, 1),
    item(2, 1),
    item(3, 1),
    item(1, 4),
    item(2, 1),
    item(4, 2),
    item(3, 0),
    item(5, 1, { bad: 'map' }),
    item(6, 3),
    item(6, 5, { deleted: true }),
    item(7, 2, { bad: 'schema' }),
  )
  vendor.logs.tickets.push(
    item(10, 1, { requester: 1 }),
    item(11, 2, { requester: 2 }),
    item(10, 3, { requester: 1 }),
    item(12, 1, { requester: 3 }),
    item(11, 1, { requester: 2 }),
    item(13, 2, { requester: 4 }),
    item(12, 4, { requester: 3, deleted: true }),
    item(14, 1, { bad: 'map' }),
  )
  return vendor
}

function expectStoreMatchesVendor(store: TenantStore, vendor: FakeVendor) {
  for (const [stream, object] of [
    ['users', 'user'],
    ['tickets', 'ticket'],
  ] as const) {
    const truth = vendor.truth(stream)
    expect(store.countRecords(object === 'user' ? 'person' : 'ticket')).toBe(truth.size)
    for (const [id, version] of truth) {
      expect(store.getRecord(zdRef(object, id)), `${object} ${id}`).toMatchObject({
        updatedAt: at(version.v),
        deleted: version.deleted ?? false,
      })
    }
  }
  expect(
    store
      .listQuarantine()
      .map((q) => `${q.stream}:${q.vendorId}`)
      .sort(),
  ).toEqual(['tickets:14', 'users:5', 'users:7'])
  expect(store.pendingDerive()).toEqual([])
}

const unbounded: SliceOptions = { maxRequests: 1000, maxMillis: 600_000 }

async function syncToEnd(
  store: TenantStore,
  vendor: FakeVendor,
  clock: ReturnType<typeof createFakeClock>,
  options = unbounded,
) {
  for (let slice = 0; slice < 100; slice++) {
    const result = await runSlice({
      store,
      connectionId: 'zd',
      connector: vendor.connector(),
      http: vendor.client(clock),
      options: { ...options, now: clock.now },
    })
    if (result.done) return { result, slices: slice + 1 }
  }
  throw new Error('sync never finished')
}

/** A store whose process "dies" at the n-th page write, before or after the commit. */
function crashingAt(store: TenantStore, n: number, when: 'before' | 'after'): TenantStore {
  let writes = 0
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'writePage') return Reflect.get(target, property, receiver)
      return (input: Parameters<TenantStore['writePage']>[0]) => {
        writes++
        if (writes === n && when === 'before') throw new Error('killed before commit')
        const result = target.writePage(input)
        if (writes === n) throw new Error('killed after commit')
        return result
      }
    },
  })
}

describe('runSlice', () => {
  it('syncs every stream to the vendor truth, quarantining malformed items', async () => {
    const clock = createFakeClock()
    const vendor = seededVendor(clock)
    const store = openFakeVendorStore(clock)
    const { result } = await syncToEnd(store, vendor, clock)
    expectStoreMatchesVendor(store, vendor)
    expect(result.states.map((s) => [s.stream, s.status, s.caughtUp])).toEqual([
      ['users', 'idle', true],
      ['tickets', 'idle', true],
    ])
    expect(result.states[0]?.counts).toEqual({
      fetched: 11,
      written: 7,
      stale: 2,
      quarantined: 2,
      deleted: 1,
    })
    expect(result.states[0]?.lagSeconds).toBe(60)
    // Customers derived from the records: user 1 owns ticket 10, user 6 is deleted.
    const customerId = store.findCustomerId({ by: 'ticket', ref: zdRef('ticket', 10) })
    expect(customerId).toBe(store.findCustomerId({ by: 'person', ref: zdRef('user', 1) }))
    expect(store.getView(customerId!)?.tickets.open.map((t) => t.ref.id)).toEqual(['10'])
    expect(store.findCustomerId({ by: 'person', ref: zdRef('user', 6) })).toBeNull()
    expect(store.listCustomers().total).toBe(4)
  })

  for (const when of ['before', 'after'] as const) {
    it(`loses nothing and duplicates nothing when killed at any page, ${when} the commit`, async () => {
      // 4 pages of users + 3 of tickets.
      for (let n = 1; n <= 7; n++) {
        const clock = createFakeClock()
        const vendor = seededVendor(clock)
        const store = openFakeVendorStore(clock)
        await expect(
          runSlice({
            store: crashingAt(store, n, when),
            connectionId: 'zd',
            connector: vendor.connector(),
            http: vendor.client(clock),
            options: { ...unbounded, now: clock.now },
          }),
        ).rejects.toThrow(/killed/)
        await syncToEnd(store, vendor, clock)
        expectStoreMatchesVendor(store, vendor)
        expect(store.listCustomers().total).toBe(4)
      }
    })
  }

  it('picks up the vendor changes made after a run, from the committed cursors', async () => {
    const clock = createFakeClock()
    const vendor = seededVendor(clock)
    const store = openFakeVendorStore(clock)
    await syncToEnd(store, vendor, clock)
    vendor.logs.users.push(item(8, 6), item(1, 2), item(2, 7, { deleted: true }))
    vendor.logs.tickets.push(item(15, 6, { requester: 8 }))
    const before = vendor.requests
    await syncToEnd(store, vendor, clock)
    expectStoreMatchesVendor(store, vendor)
    // Only the new part of each log was read: one page per stream.
    expect(vendor.requests - before).toBe(2)
    expect(store.findCustomerId({ by: 'person', ref: zdRef('user', 2) })).toBeNull()
  })

  it('bounds a slice by maxRequests and resumes in the next slice', async () => {
    const clock = createFakeClock()
    const vendor = seededVendor(clock)
    const store = openFakeVendorStore(clock)
    const first = await runSlice({
      store,
      connectionId: 'zd',
      connector: vendor.connector(),
      http: vendor.client(clock),
      options: { maxRequests: 2, maxMillis: 60_000, now: clock.now },
    })
    expect(first).toMatchObject({ done: false, requests: 2 })
    expect(first.states[0]?.cursor).toBe('6')
    const { slices } = await syncToEnd(store, vendor, clock, { maxRequests: 2, maxMillis: 60_000 })
    expect(slices).toBe(3)
    expectStoreMatchesVendor(store, vendor)
    expect(vendor.requests).toBe(7)
  })

  it('bounds a slice by maxMillis on the injected clock', async () => {
    const clock = createFakeClock()
    const vendor = seededVendor(clock, 100)
    const store = openFakeVendorStore(clock)
    const first = await runSlice({
      store,
      connectionId: 'zd',
      connector: vendor.connector(),
      http: vendor.client(clock),
      options: { maxRequests: 1000, maxMillis: 250, now: clock.now },
    })
    // Pages start at 0, 100 and 200 ms; at 300 ms the slice is over.
    expect(first).toMatchObject({ done: false, requests: 3 })
    await syncToEnd(store, vendor, clock, { maxRequests: 1000, maxMillis: 250 })
    expectStoreMatchesVendor(store, vendor)
  })

  it('waits out a 429 storm as told by Retry-After and retries 5xx bursts', async () => {
    const clock = createFakeClock()
    const vendor = seededVendor(clock)
    vendor.faults.push(
      { status: 429, headers: { 'retry-after': '3' } },
      { status: 429, headers: { 'retry-after': '8' } },
      { status: 503 },
      { status: 500 },
    )
    const store = openFakeVendorStore(clock)
    const { result } = await syncToEnd(store, vendor, clock)
    // Backoff doubles with every attempt of the request (100 ms × 2^(attempt − 1)).
    expect(clock.sleeps).toEqual([3000, 8000, 400, 800])
    expect(result.requests).toBe(11)
    expectStoreMatchesVendor(store, vendor)
  })

  it('records a 4xx in its stream without retrying, keeping committed work and other streams', async () => {
    const clock = createFakeClock()
    const vendor = seededVendor(clock)
    const store = openFakeVendorStore(clock)
    await runSlice({
      store,
      connectionId: 'zd',
      connector: vendor.connector(),
      http: vendor.client(clock),
      options: { maxRequests: 1, maxMillis: 60_000, now: clock.now },
    })
    vendor.faults.push({ status: 403, body: { error: 'Forbidden' } })
    const result = await runSlice({
      store,
      connectionId: 'zd',
      connector: vendor.connector(),
      http: vendor.client(clock),
      options: { ...unbounded, now: clock.now },
    })
    expect(result.done).toBe(true)
    const [users, tickets] = result.states
    expect(users).toMatchObject({ status: 'failed', cursor: '3', requests: 2 })
    expect(users?.lastError?.message).toContain('403')
    expect(tickets).toMatchObject({ status: 'idle', caughtUp: true })
    expect(store.countRecords('person')).toBe(3)
    // The next run resumes the failed stream from its committed cursor.
    await syncToEnd(store, vendor, clock)
    expectStoreMatchesVendor(store, vendor)
  })

  it('keeps credentials a vendor error echoes out of lastError', async () => {
    const clock = createFakeClock()
    const vendor = seededVendor(clock)
    const store = openFakeVendorStore(clock)
    const secret = 'zd-oauth-0123456789abcdef'
    vendor.faults.push({
      status: 401,
      body: { error: 'Unauthorized', message: `Authorization: Bearer ${secret} refused` },
    })
    const result = await runSlice({
      store,
      connectionId: 'zd',
      connector: vendor.connector(),
      http: vendor.client(clock),
      options: { ...unbounded, now: clock.now },
    })
    const message = result.states[0]?.lastError?.message ?? ''
    expect(message).toContain('401')
    expect(message).toContain('Authorization: [redacted]')
    expect(message).not.toContain(secret)
    expect(JSON.stringify(result.errors)).not.toContain(secret)
  })

  it('parks a stream on a DAILY 429 until the window ends, without burning retries', async () => {
    const clock = createFakeClock()
    const vendor = seededVendor(clock)
    vendor.faults.push({
      status: 429,
      body: { policyName: 'DAILY' },
      headers: { 'retry-after': '3600' },
    })
    const store = openFakeVendorStore(clock)
    // One budget per vendor account, as the worker keeps it: the pause reaches every stream.
    const budget = createRateBudget([], clock)
    const parked = await runSlice({
      store,
      connectionId: 'zd',
      connector: vendor.connector(),
      http: vendor.client(clock, budget),
      options: { ...unbounded, now: clock.now },
    })
    expect(vendor.requests).toBe(1)
    expect(parked.done).toBe(false)
    expect(parked.retryAt).toBe(clock.now() + 3_600_000)
    expect(parked.states.map((s) => [s.stream, s.status, s.retryAt])).toEqual([
      ['users', 'backing_off', new Date(clock.now() + 3_600_000).toISOString()],
      ['tickets', 'backing_off', new Date(clock.now() + 3_600_000).toISOString()],
    ])

    const early = await runSlice({
      store,
      connectionId: 'zd',
      connector: vendor.connector(),
      http: vendor.client(clock, budget),
      options: { ...unbounded, now: clock.now },
    })
    expect(early.done).toBe(false)
    expect(vendor.requests).toBe(1)

    clock.advance(3_600_000)
    const { result } = await syncToEnd(store, vendor, clock)
    expectStoreMatchesVendor(store, vendor)
    // The wait is over and every stream committed since: no stale error left for ops to chase.
    expect(result.states.map((s) => [s.stream, s.status, s.lastError])).toEqual([
      ['users', 'idle', null],
      ['tickets', 'idle', null],
    ])
  })
})

describe('runSlice work budget', () => {
  it('starts no page once the slice committed maxRecords items, and finishes over slices', async () => {
    const clock = createFakeClock()
    const store = openFakeVendorStore(clock)
    const vendor = seededVendor(clock)
    const first = await runSlice({
      store,
      connectionId: 'zd',
      connector: vendor.connector(),
      http: vendor.client(clock),
      options: { ...unbounded, maxRecords: 3, now: clock.now },
    })
    // Pages hold 3 items: the first page reaches the budget, so no second page starts.
    expect(first.done).toBe(false)
    expect(first.work).toMatchObject({ pages: 1, records: 3 })
    const { slices } = await syncToEnd(store, vendor, clock, { ...unbounded, maxRecords: 3 })
    expect(slices).toBeGreaterThan(3)
    expectStoreMatchesVendor(store, vendor)
  })

  it('counts pages against maxPages', async () => {
    const clock = createFakeClock()
    const store = openFakeVendorStore(clock)
    const vendor = seededVendor(clock)
    const result = await runSlice({
      store,
      connectionId: 'zd',
      connector: vendor.connector(),
      http: vendor.client(clock),
      options: { ...unbounded, maxPages: 2, now: clock.now },
    })
    expect(result.done).toBe(false)
    expect(result.work.pages).toBe(2)
  })

  it('derives within maxDerivePeople, start and end together, and leaves the rest queued', async () => {
    const clock = createFakeClock()
    const store = openFakeVendorStore(clock)
    const vendor = seededVendor(clock)
    const result = await runSlice({
      store,
      connectionId: 'zd',
      connector: vendor.connector(),
      http: vendor.client(clock),
      options: { ...unbounded, maxDerivePeople: 2, now: clock.now },
    })
    expect(result.done).toBe(true)
    expect(result.work.derivedPeople).toBe(2)
    // Users 1–4 and 6 are queued by the pages; 2 were derived, the others wait for the alarm.
    expect(store.countPendingDerive()).toBe(3)
  })

  it("hands maxDeriveMs to each of its derives as the derive's work bound", async () => {
    const clock = createFakeClock()
    const store = openFakeVendorStore(clock)
    const vendor = seededVendor(clock)
    const bounds: (number | undefined)[] = []
    await runSlice({
      store,
      connectionId: 'zd',
      connector: vendor.connector(),
      http: vendor.client(clock),
      options: { ...unbounded, maxDeriveMs: 250, now: clock.now },
      derive: (s, o) => {
        bounds.push(o.maxWorkMs)
        return derivePendingSlice(s, o)
      },
    })
    expect(bounds).toEqual([250, 250])
  })
})
