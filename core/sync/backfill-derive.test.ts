import { describe, expect, it } from 'vitest'
import type { CustomerView } from '../model/index.ts'
import { ticket, zdRef } from '../store/records.fixtures.ts'
import type { TenantStore } from '../store/index.ts'
import { derivePendingSlice } from './derive.ts'
import { createFakeClock } from './fake-clock.ts'
import { FakeVendor, openFakeVendorStore, type FakeItem } from './fake-vendor.fixtures.ts'
import { runSlice, type RunSliceInput, type SliceResult } from './run-slice.ts'

const USERS = 40
const TICKETS_EACH = 5

/**
 * A backfill as the alarm runs it: pages of 10, slices of 40 items; the users stream first (one
 * slice), then tickets whose requesters cycle through every user, so each tickets slice names
 * everyone again (five slices).
 */
function backfill() {
  const clock = createFakeClock()
  const store = openFakeVendorStore(clock)
  const vendor = new FakeVendor(clock, 10)
  for (let id = 1; id <= USERS; id++) vendor.logs.users.push({ id, v: 1 })
  for (let n = 0; n < USERS * TICKETS_EACH; n++) {
    vendor.logs.tickets.push({ id: 1000 + n, v: 1, requester: (n % USERS) + 1 } as FakeItem)
  }
  let derived = 0
  const derive: RunSliceInput['derive'] = (s, o) => {
    const slice = derivePendingSlice(s, o)
    derived += slice.people
    return slice
  }
  const slice = () =>
    runSlice({
      store,
      connectionId: 'zd',
      connector: vendor.connector(),
      http: vendor.client(clock),
      derive,
      options: { maxRequests: 1000, maxMillis: 600_000, maxRecords: 40, now: clock.now },
    })
  return { store, vendor, clock, slice, derivedSoFar: () => derived }
}

const viewOf = (store: TenantStore, userId: number): CustomerView | null => {
  const id = store.findCustomerId({ by: 'person', ref: zdRef('user', userId) })
  return id ? store.getView(id) : null
}

const users = Array.from({ length: USERS }, (_, i) => i + 1)

describe("a connection's backfill", () => {
  it('derives each person once for a first view and once at its end, not at every page', async () => {
    const { store, slice, derivedSoFar } = backfill()
    const results: SliceResult[] = []
    do {
      results.push(await slice())
      if (results.at(-1)!.done) break
      // Everyone the backfill has stored has a view at every slice's end.
      for (const id of users) expect(viewOf(store, id), `user ${id}`).not.toBeNull()
    } while (results.length < 20)
    expect(results.at(-1)!.done).toBe(true)
    expect(results.length).toBe(6)
    // Old rule: every tickets slice re-derived everyone (40 + 5 × 40). Now: a first view, the end.
    expect(derivedSoFar()).toBe(2 * USERS)
    // The end's derive drained the queue: every view counts all of its person's tickets.
    expect(store.countPendingDerive()).toBe(0)
    expect(store.countDeferredDerive()).toBe(0)
    for (const id of users) expect(viewOf(store, id)?.tickets.total, `user ${id}`).toBe(5)
  })

  it('leaves the deferred people out of the derive queue the alarm counts until it ends', async () => {
    const { store, slice } = backfill()
    await slice()
    expect(store.countPendingDerive()).toBe(0)
    await slice()
    // Everyone's view is stale now, yet no derive is due: the alarm does not spin on them.
    expect(store.countDeferredDerive()).toBe(USERS)
    expect(store.countPendingDerive()).toBe(0)
    expect(derivePendingSlice(store, { now: Date.now() }).people).toBe(0)
    expect(viewOf(store, 1)?.tickets.total).toBe(0)
  })

  it("still derives a webhook's person, a settings change and a new person promptly", async () => {
    const { store, slice, clock } = backfill()
    await slice()
    await slice()
    expect(store.countDeferredDerive()).toBe(USERS)
    // A webhook's page (its own stream id, not the backfill's): user 1's new ticket shows now.
    store.writePage({
      connectionId: 'webhook:zendesk:acme',
      stream: 'events',
      records: [ticket(9000, 1, 2)],
      quarantined: [],
      cursor: null,
      state: { status: 'idle' },
    })
    expect(store.countPendingDerive()).toBe(1)
    expect(derivePendingSlice(store, { now: clock.now() }).people).toBe(1)
    // The tickets of the first tickets slice (1 each) and the webhook's.
    expect(viewOf(store, 1)?.tickets.total).toBe(2)
    expect(store.countDeferredDerive()).toBe(USERS - 1)
    // A settings change re-derives every view now, not at the backfill's end.
    expect(store.queueRederiveAll()).toBe(USERS)
    expect(store.countDeferredDerive()).toBe(0)
    expect(derivePendingSlice(store, { now: clock.now() }).people).toBe(USERS)
    expect(viewOf(store, 2)?.tickets.total).toBe(1)
    // A person the backfill meets without a view is derived in its slice, as before.
    store.writePage({
      connectionId: 'zd',
      stream: 'users',
      records: [ticket(9001, 77, 1)],
      quarantined: [],
      cursor: null,
      state: {},
      deferDerive: true,
    })
    expect(store.pendingDerive()).toEqual(['zendesk:acme:user:77'])
  })

  it('ends with the first finished run: later runs re-derive at each slice as before', async () => {
    const { store, vendor, slice } = backfill()
    while (!(await slice()).done);
    expect(store.inBackfill('zd')).toBe(false)
    vendor.logs.tickets.push({ id: 5000, v: 2, requester: 3 })
    const result = await slice()
    expect(result.done).toBe(true)
    expect(store.countDeferredDerive()).toBe(0)
    expect(viewOf(store, 3)?.tickets.total).toBe(6)
  })
})
