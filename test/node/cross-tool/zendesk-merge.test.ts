import { describe, expect, it } from 'vitest'
import type { CustomerQuery } from '../../../core/store/index.ts'
import { expectedCustomers, zendeskKey } from './expected.ts'
import { createWorld, letChangesSettle, openStore, syncAll, ZENDESK_ACCOUNT } from './harness.ts'
import {
  customerTables,
  historyIn,
  membersByCustomer,
  storedCustomers,
  viewOf,
} from './store-reads.ts'

const user = (id: number): CustomerQuery => ({
  by: 'person',
  ref: { source: 'zendesk', account: ZENDESK_ACCOUNT, object: 'user', id: String(id) },
})
const ticket = (id: number): CustomerQuery => ({
  by: 'ticket',
  ref: { source: 'zendesk', account: ZENDESK_ACCOUNT, object: 'ticket', id: String(id) },
})

/** Every ticket and answer a view shows, by ref key (ticket totals are compared apart). */
const itemsOf = (h: ReturnType<typeof historyIn>) => [
  ...h.openTickets,
  ...h.nps,
  ...h.csat,
  ...h.ces,
]

describe('a user merge in Zendesk', () => {
  it("folds the loser's tickets and answers into the winner's customer, nothing lost", async () => {
    const world = createWorld()
    const store = openStore(world)
    await syncAll(world, store)
    const membersBefore = membersByCustomer(store)
    const customersBefore = new Set(membersBefore.keys())

    const mutation = world.zendesk.mutate({ userMerges: 1 })
    const { loser, winner } = mutation.users.merged[0]!
    const [loserCustomer, winnerCustomer] = [
      store.findCustomerId(user(loser))!,
      store.findCustomerId(user(winner))!,
    ]
    expect(loserCustomer).not.toBe(winnerCustomer)
    const before = [
      historyIn(viewOf(store, loserCustomer)),
      historyIn(viewOf(store, winnerCustomer)),
    ]
    const loserTickets = world.zendesk
      .groundTruth()
      .tickets.filter((t) => mutation.tickets.updated.includes(t.id) && t.requester_id === winner)
      .map((t) => t.id)
    expect(loserTickets.length).toBeGreaterThan(0)

    letChangesSettle(world)
    await syncAll(world, store)

    const merged = store.findCustomerId(user(winner))!
    expect(merged).not.toBeNull()
    // The loser's tickets open the winner's customer from any sidebar.
    for (const id of loserTickets)
      expect(store.findCustomerId(ticket(id)), `ticket ${id}`).toBe(merged)
    // The loser's own identity (now deactivated) leads to the winner's customer or to nothing,
    // never to a customer that no longer exists.
    const loserLookup = store.findCustomerId(user(loser))
    expect([merged, null]).toContain(loserLookup)

    // Nothing lost: every Zendesk ticket and answer both customers showed is in the merged view;
    // HubSpot items stay with their contact's customer, which still exists.
    const after = historyIn(viewOf(store, merged))
    for (const item of before.flatMap(itemsOf)) {
      if (item.startsWith('zendesk:')) expect(itemsOf(after), item).toContain(item)
    }
    const formerMembers = [loserCustomer, winnerCustomer].flatMap(
      (id) => membersBefore.get(id) ?? [],
    )
    const ownersAfter = new Set(
      formerMembers.flatMap((key) => {
        const [source, account, object, id] = key.split(':') as [string, string, string, string]
        const owner = store.findCustomerId({
          by: 'person',
          ref: { source: source as 'zendesk', account, object, id },
        })
        return owner === null ? [] : [owner]
      }),
    )
    expect(ownersAfter.has(merged)).toBe(true)
    const shownAfter = [...ownersAfter].flatMap((id) => itemsOf(historyIn(viewOf(store, id))))
    for (const item of before.flatMap(itemsOf)) expect(shownAfter, item).toContain(item)
    const totalAfter = [...ownersAfter].reduce((n, id) => n + viewOf(store, id).tickets.total, 0)
    expect(totalAfter).toBe(before[0]!.ticketTotal + before[1]!.ticketTotal)

    // Fewer customers, none new, no orphan: every customer has members and a view, and the store
    // holds exactly the customers the ground truths now give.
    const customersAfter = new Set(membersByCustomer(store).keys())
    expect(customersAfter.size).toBeLessThan(customersBefore.size)
    for (const id of customersAfter) expect(customersBefore.has(id), id).toBe(true)
    const tables = customerTables(store)
    expect(tables.views).toEqual(tables.customers)
    expect(tables.members).toEqual(tables.customers)
    expect(storedCustomers(store)).toEqual(expectedCustomers(world))
    expect(membersByCustomer(store).get(merged)).not.toContain(zendeskKey('user', loser))
  }, 60_000)
})
