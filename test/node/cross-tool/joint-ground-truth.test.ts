import { describe, expect, it } from 'vitest'
import { expectedCustomers, expectedHistory, humans } from './expected.ts'
import { createWorld, openStore, syncAll } from './harness.ts'
import {
  customerTables,
  historyIn,
  membersByCustomer,
  storedCustomers,
  viewOf,
} from './store-reads.ts'

/**
 * End to end: both sandboxes synced through the real connectors, engine and store; the store's
 * customers equal the customers computed independently from the two ground truths, and each view
 * shows that customer's tickets from both tools and NPS from HubSpot.
 */
describe('both sandboxes synced', () => {
  it("the store's customers are the sandboxes' joint ground truth", async () => {
    const world = createWorld()
    const store = openStore(world)
    await syncAll(world, store)

    const expected = expectedCustomers(world)
    expect(storedCustomers(store)).toEqual(expected)
    // Not vacuous: many customers are known to both tools.
    const joined = expected.filter(
      (g) => g.some((k) => k.startsWith('zendesk:')) && g.some((k) => k.startsWith('hubspot:')),
    )
    expect(joined.length).toBeGreaterThan(15)

    // No customer mixes two of the humans the sandboxes generated (no false merge).
    const human = humans(world)
    for (const members of membersByCustomer(store).values()) {
      expect(new Set(members.map((k) => human.get(k))).size, members.join(' ')).toBe(1)
    }

    // Customers, members and views agree: no customer without a view, no orphan view.
    const tables = customerTables(store)
    expect(tables.members).toEqual(tables.customers)
    expect(tables.views).toEqual(tables.customers)
  }, 60_000)

  it("each customer's view shows the tickets of both tools and HubSpot's NPS answers", async () => {
    const world = createWorld()
    const store = openStore(world)
    await syncAll(world, store)

    let withBothTools = 0
    let withNps = 0
    for (const [id, members] of membersByCustomer(store)) {
      const shown = historyIn(viewOf(store, id))
      const truth = expectedHistory(world, members)
      expect(shown.ticketTotal, id).toBe(truth.tickets.length)
      for (const ticket of [...shown.openTickets, ...shown.recentTickets]) {
        expect(truth.tickets, id).toContain(ticket)
      }
      expect(shown.nps, id).toEqual(truth.nps)
      if (
        truth.tickets.some((t) => t.startsWith('zendesk:')) &&
        truth.tickets.some((t) => t.startsWith('hubspot:'))
      ) {
        withBothTools++
      }
      if (truth.nps.length > 0) withNps++
    }
    expect(withBothTools).toBeGreaterThan(5)
    expect(withNps).toBeGreaterThan(10)
  }, 60_000)

  it('joins an address typed differently in each tool, and a shared mailbox joins nobody', async () => {
    const world = createWorld()
    const inHubSpot = new Set(world.hubspot.groundTruth().people.map((p) => p.key))
    const zendeskOnly = world.zendesk
      .groundTruth()
      .users.filter(
        (u) => u.role === 'end-user' && u.active && u.email && !inHubSpot.has(`z${u.id}`),
      )
    expect(zendeskOnly.length).toBeGreaterThanOrEqual(3)
    const [typed, additional, family] = zendeskOnly as [
      (typeof zendeskOnly)[0],
      (typeof zendeskOnly)[0],
      (typeof zendeskOnly)[0],
    ]
    // The same human added to the CRM with the address in capitals and padded with spaces.
    const typedContact = world.hubspot.mutate.createContact({
      email: `  ${typed.email!.toUpperCase()} `,
      firstname: 'Typed',
    })
    // A contact who lists the Zendesk address as a secondary one.
    const additionalContact = world.hubspot.mutate.createContact({
      email: 'someone.else@pro.example',
      hs_additional_emails: `other@pro.example;${additional.email}`,
      firstname: 'Second',
    })
    // Two CRM contacts (a couple) sharing one family mailbox that a Zendesk user also writes from.
    const couple = [
      world.hubspot.mutate.createContact({ email: family.email, firstname: 'One' }),
      world.hubspot.mutate.createContact({ email: family.email, firstname: 'Two' }),
    ]

    const store = openStore(world)
    await syncAll(world, store)
    expect(storedCustomers(store)).toEqual(expectedCustomers(world))

    const contact = (id: string) => ({
      by: 'person' as const,
      ref: { source: 'hubspot' as const, account: world.hubspot.portalId, object: 'contact', id },
    })
    const user = (id: number) => ({
      by: 'person' as const,
      ref: {
        source: 'zendesk' as const,
        account: 'cxlens-sandbox',
        object: 'user',
        id: String(id),
      },
    })
    expect(store.findCustomerId(contact(typedContact))).toBe(store.findCustomerId(user(typed.id)))
    expect(store.findCustomerId(contact(additionalContact))).toBe(
      store.findCustomerId(user(additional.id)),
    )
    const familyIds = [user(family.id), ...couple.map(contact)].map((q) => store.findCustomerId(q))
    expect(new Set(familyIds).size).toBe(3)
    expect(familyIds).not.toContain(null)
  }, 60_000)
})
