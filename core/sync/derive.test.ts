import { beforeEach, describe, expect, it } from 'vitest'
import type { UnifiedRecord } from '../model/index.ts'
import { openNodeSqlite } from '../store/node-sqlite.ts'
import { at, person, response, ticket, writeRecords, zdRef } from '../store/records.fixtures.ts'
import { TenantStore } from '../store/index.ts'
import {
  deriveOnDemand,
  derivePendingPaced,
  derivePendingSlice,
  PACED_FIRST_BATCH,
  PACED_MAX_BATCH,
} from './derive.ts'

const now = Date.UTC(2026, 0, 2)
let store: TenantStore

function write(records: UnifiedRecord[]) {
  writeRecords(store, records)
  const slice = derivePendingSlice(store, { now })
  expect(slice.remaining).toBe(0)
  return slice.customers
}

const customerOf = (id: number) => store.findCustomerId({ by: 'person', ref: zdRef('user', id) })

/** No customer, member or view without the others. */
function expectNoOrphans() {
  const orphans = store.sql.all(
    `SELECT 'view' AS what, customer_id AS id FROM views WHERE customer_id NOT IN (SELECT id FROM customers)
     UNION ALL SELECT 'member', customer_id FROM customer_members WHERE customer_id NOT IN (SELECT id FROM customers)
     UNION ALL SELECT 'customer', id FROM customers WHERE id NOT IN (SELECT customer_id FROM customer_members)
     UNION ALL SELECT 'no view', id FROM customers WHERE id NOT IN (SELECT customer_id FROM views)`,
  )
  expect(orphans).toEqual([])
}

beforeEach(() => {
  store = new TenantStore(openNodeSqlite(), { clock: { now: () => now } })
  store.migrate()
})

describe('rederive', () => {
  it('joins people sharing an email into one customer with all their tickets and responses', () => {
    const touched = write([
      person(1, 1, { emails: ['jane@example.com'] }),
      person(2, 1, {
        emails: ['JANE@example.com'],
        ref: { ...zdRef('user', 2), source: 'hubspot', object: 'contact' },
      }),
      ticket(10, 1, 2),
      response(100, null, 10, 3),
    ])
    expect(touched).toHaveLength(1)
    const id = customerOf(1)!
    expect(store.findCustomerId({ by: 'email', email: ' Jane@Example.com ' })).toBe(id)
    const view = store.getView(id)!
    expect(view.customer.identities).toHaveLength(2)
    expect(view.tickets.open.map((t) => t.ref.id)).toEqual(['10'])
    expect(view.csat.responses.map((r) => r.ref.id)).toEqual(['100'])
    expectNoOrphans()
  })

  it('splits a customer when the shared key goes away, and merges re-point history', () => {
    const contact = { ...zdRef('contact', 9), source: 'hubspot' as const, account: '123' }
    const contactOf = () => store.findCustomerId({ by: 'person', ref: contact })
    write([
      person(1, 1, { emails: ['a@x.com'] }),
      person(9, 1, { ref: contact, emails: ['a@x.com'] }),
    ])
    expect(contactOf()).toBe(customerOf(1))
    write([person(9, 2, { ref: contact, emails: ['b@x.com'] })])
    expect(contactOf()).not.toBe(customerOf(1))
    expect(store.listCustomers().total).toBe(2)
    expectNoOrphans()

    write([person(2, 1, { emails: ['c@x.com'] }), ticket(20, 2, 1)])
    expect(store.listCustomers().total).toBe(3)
    write([{ kind: 'merge', from: zdRef('user', 2), into: zdRef('user', 1), at: at(5) }])
    expect(customerOf(2)).toBe(customerOf(1))
    expect(store.listCustomers().total).toBe(2)
    expect(store.getView(customerOf(1)!)?.tickets.open.map((t) => t.ref.id)).toEqual(['20'])
    expectNoOrphans()
  })

  it('keeps two identities of one account sharing a mailbox apart, as clusterPeople decides', () => {
    write([
      person(1, 1, { emails: ['desk@firm.com'] }),
      person(2, 1, { emails: ['desk@firm.com'] }),
    ])
    expect(customerOf(1)).not.toBeNull()
    expect(customerOf(1)).not.toBe(customerOf(2))
    expectNoOrphans()
  })

  it('removes the customer and view of an erased person', () => {
    write([person(1, 1), ticket(10, 1, 1), person(2, 1)])
    const id = customerOf(1)!
    const touched = write([{ kind: 'erase', ref: zdRef('user', 1), at: at(9) }])
    expect(touched).toEqual([id])
    expect(store.getView(id)).toBeNull()
    expect(store.getCustomer(id)).toBeNull()
    expect(customerOf(1)).toBeNull()
    expect(store.listCustomers().total).toBe(1)
    expect(JSON.stringify(store.sql.all('SELECT * FROM views'))).not.toContain('Person 1"')
    expectNoOrphans()
  })

  it('gives agents and deleted people no customer', () => {
    write([person(1, 1, { role: 'agent' }), person(2, 1), person(2, 2, { deleted: true })])
    expect(customerOf(1)).toBeNull()
    expect(customerOf(2)).toBeNull()
    expect(store.listCustomers().total).toBe(0)
    expectNoOrphans()
  })
})

describe('derivePendingSlice', () => {
  const people = (n: number) =>
    Array.from({ length: n }, (_, i) => person(i + 1, 1, { emails: [`p${i + 1}@x.com`] }))
  const queue = (records: UnifiedRecord[]) => writeRecords(store, records)

  it('takes at most maxPeople queued people per call and reports what is left', () => {
    queue(people(5))
    const first = derivePendingSlice(store, { now, maxPeople: 2 })
    expect(first).toEqual({ customers: first.customers, people: 2, remaining: 3 })
    expect(first.customers).toHaveLength(2)
    expect(store.listCustomers().total).toBe(2)
    const second = derivePendingSlice(store, { now, maxPeople: 2 })
    expect(second.remaining).toBe(1)
    const last = derivePendingSlice(store, { now, maxPeople: 2 })
    expect(last).toMatchObject({ remaining: 0 })
    expect(last.customers).toHaveLength(1)
    expect(store.listCustomers().total).toBe(5)
    expectNoOrphans()
  })

  it('starts no batch once maxMillis has passed on the injected clock', () => {
    queue(people(450))
    let t = 0
    // Each reading advances the clock 40 ms: the first batch (200 people) starts, the next does not.
    const clock = { now: () => (t += 40) }
    const slice = derivePendingSlice(store, { now, maxMillis: 50, clock })
    expect(slice.remaining).toBe(250)
    expect(store.listCustomers().total).toBe(200)
    const frozen = derivePendingSlice(store, { now, maxMillis: 50, clock: { now: () => 0 } })
    expect(frozen.remaining).toBe(0)
    expect(store.listCustomers().total).toBe(450)
  })
})

describe('derive order and pacing', () => {
  const queue = (records: UnifiedRecord[]) => writeRecords(store, records)
  const people = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => person(from + i, 1, { emails: [`p${from + i}@x.com`] }))

  it('derives people without a view before people whose view only needs refreshing', () => {
    queue(people(1, 30))
    derivePendingSlice(store, { now })
    // A settings change queues the 30 with views; then 5 new people arrive (keys sort after).
    store.queueRederiveAll()
    queue(people(900, 5))
    const first = derivePendingSlice(store, { now, maxPeople: 5 })
    expect(first.people).toBe(5)
    expect([900, 901, 902, 903, 904].every((id) => customerOf(id) !== null)).toBe(true)
    expect(first.remaining).toBe(30)
  })

  /** A paced derive over a clock that only its pauses move, by `msPerPerson` per person derived. */
  async function pacedSizes(msPerPerson: (size: number) => number, maxPeople: number) {
    let t = 0
    const sizes: number[] = []
    let derived = 0
    const slice = await derivePendingPaced(store, {
      now,
      maxPeople,
      targetMs: 4,
      clock: { now: () => t },
      pause: async () => {
        const total = store.listCustomers().total
        sizes.push(total - derived)
        t += msPerPerson(total - derived) * (total - derived)
        derived = total
      },
    })
    return { slice, sizes }
  }

  it('paces a derive in batches sized to the time target, pausing between them, within its bounds', async () => {
    queue(people(1, 50))
    // 1 ms a person against a 4 ms target: 4 at a time (the first batch is 4 before any timing).
    const { slice, sizes } = await pacedSizes(() => 1, 45)
    expect(sizes).toEqual([...Array.from({ length: 11 }, () => 4), 1])
    expect(sizes.reduce((a, b) => a + b)).toBe(45)
    expect(slice.people).toBe(45)
    expect(slice.remaining).toBe(5)
    expect(store.listCustomers().total).toBe(45)
  })

  it('grows batches of cheap people and shrinks them after a costly batch', async () => {
    queue(people(1, 400))
    // Cheap people (0.05 ms) grow the batch to its cap; one 40 ms batch brings it down to one person.
    let costly = false
    const { sizes } = await pacedSizes((size) => {
      if (size === PACED_MAX_BATCH && !costly) {
        costly = true
        return 40 / size
      }
      return 0.05
    }, 400)
    expect(sizes[0]).toBe(PACED_FIRST_BATCH)
    const capped = sizes.indexOf(PACED_MAX_BATCH)
    expect(capped).toBeGreaterThan(0)
    // 40 ms over 50 people averaged with 0.05 ms: 0.425 ms a person → 9, then recovering.
    expect(sizes[capped + 1]).toBe(Math.floor(4 / ((40 / 50 + 0.05) / 2)))
    expect(sizes[capped + 2]!).toBeGreaterThan(sizes[capped + 1]!)
    expect(sizes.reduce((a, b) => a + b)).toBe(400)
  })
  it('leaves the pause out of the batch time when the clock moves during the derive', async () => {
    queue(people(1, 40))
    // 1 ms a person, seen while deriving (customers written so far); each pause takes 100 ms.
    let paused = 0
    const clock = { now: () => store.listCustomers().total + paused }
    const sizes: number[] = []
    let derived = 0
    await derivePendingPaced(store, {
      now,
      clock,
      targetMs: 4,
      pause: async () => {
        const total = store.listCustomers().total
        sizes.push(total - derived)
        derived = total
        paused += 100
      },
    })
    expect(sizes).toEqual(Array.from({ length: 10 }, () => 4))
  })
  it('leaves a deliberate rest out where the clock stands still during the derive', async () => {
    queue(people(1, 40))
    // The clock moves only in pauses: by 1 ms a person derived, plus a 100 ms rest it reports.
    let t = 0
    const sizes: number[] = []
    let derived = 0
    await derivePendingPaced(store, {
      now,
      clock: { now: () => t },
      targetMs: 4,
      pause: async () => {
        const total = store.listCustomers().total
        sizes.push(total - derived)
        t += total - derived + 100
        derived = total
        return 100
      },
    })
    expect(sizes).toEqual(Array.from({ length: 10 }, () => 4))
  })
  it('stops starting batches once they took maxWorkMs together, rests left out', async () => {
    queue(people(1, 40))
    // 1 ms a person in the clock, plus a 100 ms rest each pause reports; 10 ms of work at most.
    let t = 0
    let derived = 0
    const slice = await derivePendingPaced(store, {
      now,
      clock: { now: () => t },
      targetMs: 4,
      maxWorkMs: 10,
      pause: async () => {
        const total = store.listCustomers().total
        t += total - derived + 100
        derived = total
        return 100
      },
    })
    expect(slice.people).toBe(12) // 4 + 4 + 4: 12 ms ≥ 10 after the third batch
    expect(slice.remaining).toBe(28)
  })
})

describe('deriveOnDemand', () => {
  const queue = (records: UnifiedRecord[]) => writeRecords(store, records)
  const key = (id: number) => `zendesk:acme:user:${id}`

  it("derives a queued person's customer, and only theirs", () => {
    queue([person(1, 1), person(2, 1), ticket(10, 1, 2)])
    expect(customerOf(1)).toBeNull()
    expect(deriveOnDemand(store, [key(1)], { now })).toBe('derived')
    const id = customerOf(1)!
    expect(store.getView(id)?.tickets.total).toBe(1)
    expect(customerOf(2)).toBeNull()
    expect(store.pendingDerive()).toEqual([key(2)])
    // Derived already: nothing waits for it.
    expect(deriveOnDemand(store, [key(1)], { now })).toBe('not_pending')
    expect(deriveOnDemand(store, [key(77)], { now })).toBe('not_pending')
  })

  it('leaves a customer too large for a request to the alarm', () => {
    queue([person(1, 1), ...Array.from({ length: 5 }, (_, i) => ticket(10 + i, 1, 2))])
    const max = { people: 10, tickets: 4 }
    expect(deriveOnDemand(store, [key(1)], { now, max })).toBe('too_large')
    expect(customerOf(1)).toBeNull()
    expect(deriveOnDemand(store, [key(1)], { now, max: { people: 10, tickets: 5 } })).toBe(
      'derived',
    )
  })
})
