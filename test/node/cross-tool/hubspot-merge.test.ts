import { describe, expect, it } from 'vitest'
import { expectedCustomers, expectedHistory } from './expected.ts'
import { createWorld, letChangesSettle, openStore, syncAll, type World } from './harness.ts'
import {
  customerTables,
  historyIn,
  membersByCustomer,
  storedCustomers,
  viewOf,
} from './store-reads.ts'

const union = (...lists: string[][]) => [...new Set(lists.flat())].sort()

/** Two contacts of two different customers, each also a Zendesk user, each with history in both. */
function pickContacts(world: World, store: ReturnType<typeof openStore>) {
  const customers = [...membersByCustomer(store)]
  const rich = customers.filter(([, members]) => {
    const history = expectedHistory(world, members)
    return (
      members.filter((k) => k.startsWith('hubspot:')).length === 1 &&
      members.some((k) => k.startsWith('zendesk:')) &&
      history.tickets.some((t) => t.startsWith('zendesk:')) &&
      history.tickets.some((t) => t.startsWith('hubspot:')) &&
      history.nps.length > 0
    )
  })
  expect(rich.length).toBeGreaterThanOrEqual(2)
  const [a, b] = rich as [[string, string[]], [string, string[]]]
  const contactOf = (members: string[]) =>
    members.find((k) => k.startsWith('hubspot:'))!.split(':')[3]!
  return { a, b, survivor: contactOf(a[1]), loser: contactOf(b[1]) }
}

describe('a merge in HubSpot', () => {
  it('leaves one customer holding both histories, the other id gone, no orphan view', async () => {
    const world = createWorld()
    const store = openStore(world)
    await syncAll(world, store)
    const { a, b, survivor, loser } = pickContacts(world, store)
    const [before, beforeOther] = [historyIn(viewOf(store, a[0])), historyIn(viewOf(store, b[0]))]
    const customersBefore = membersByCustomer(store).size

    world.hubspot.mutate.merge(survivor, loser)
    letChangesSettle(world)
    await syncAll(world, store)

    const ref = (key: string) => {
      const [source, account, object, id] = key.split(':') as [string, string, string, string]
      return { by: 'person' as const, ref: { source: source as 'hubspot', account, object, id } }
    }
    // Everyone who was either customer is now the one customer: both contacts, both Zendesk users.
    const merged = store.findCustomerId(ref([...a[1]][0]!))
    expect(merged).not.toBeNull()
    for (const key of [...a[1], ...b[1]]) expect(store.findCustomerId(ref(key)), key).toBe(merged)
    expect(membersByCustomer(store).size).toBe(customersBefore - 1)
    const gone = [a[0], b[0]].filter((id) => id !== merged)
    expect(gone.length).toBeGreaterThanOrEqual(1)
    for (const id of gone) {
      expect(store.getCustomer(id)).toBeNull()
      expect(store.getView(id)).toBeNull()
    }

    // Its view holds both histories, nothing lost.
    const after = historyIn(viewOf(store, merged!))
    expect(after.ticketTotal).toBe(before.ticketTotal + beforeOther.ticketTotal)
    expect(after.openTickets).toEqual(union(before.openTickets, beforeOther.openTickets))
    expect(after.nps).toEqual(union(before.nps, beforeOther.nps))
    expect(after.csat).toEqual(union(before.csat, beforeOther.csat))
    expect(after.ces).toEqual(union(before.ces, beforeOther.ces))

    const tables = customerTables(store)
    expect(tables.views).toEqual(tables.customers)
    expect(tables.members).toEqual(tables.customers)
    // And every other customer is as the ground truths say.
    expect(storedCustomers(store)).toEqual(expectedCustomers(world))
  }, 60_000)
})
