import { describe, expect, it } from 'vitest'
import type { TenantStore } from '../../../core/store/index.ts'
import { expectedCustomers, expectedHistory, hubspotKey } from './expected.ts'
import { createWorld, letChangesSettle, openStore, syncAll, type World } from './harness.ts'
import {
  customerTables,
  everyCell,
  historyIn,
  membersByCustomer,
  storedCustomers,
  viewOf,
} from './store-reads.ts'

/** Everything HubSpot holds of one contact, as the store would key or spell it. */
function tracesOf(world: World, contactId: string) {
  const truth = world.hubspot.groundTruth()
  const p = truth.record('contacts', contactId)!.properties
  const key = hubspotKey(world, 'contact', contactId)
  // Live ones: a ticket archived before the first sync came without associations, so nothing ever
  // tied it to this person in the store.
  const live = (type: 'tickets' | 'feedback_submissions') =>
    truth.associations('contacts', contactId, type).filter((id) => truth.live[type].includes(id))
  return {
    refKeys: [
      key,
      ...live('tickets').map((id) => hubspotKey(world, 'ticket', id)),
      ...live('feedback_submissions').map((id) => hubspotKey(world, 'feedback_submission', id)),
    ],
    // Personal data: addresses (any case), phone, the full name.
    words: [
      ...[p.email, ...(p.hs_additional_emails ?? '').split(';')]
        .map((e) => (e ?? '').trim().toLowerCase())
        .filter(Boolean),
      ...(p.phone ? [p.phone] : []),
      `${p.firstname} ${p.lastname}`,
    ],
  }
}

/** Cells of the store still holding a trace; the erasures tombstone may keep ref keys, nothing else. */
function leftovers(store: TenantStore, traces: ReturnType<typeof tracesOf>) {
  const found: string[] = []
  for (const { table, text } of everyCell(store)) {
    const lower = text.toLowerCase()
    for (const word of traces.words)
      if (lower.includes(word.toLowerCase())) found.push(`${table}: personal data`)
    if (table === 'erasures') continue
    for (const key of traces.refKeys) if (text.includes(key)) found.push(`${table}: ${key}`)
  }
  return [...new Set(found)]
}

/** The derived tables, exactly as stored. */
function derivedRows(store: TenantStore) {
  return {
    customers: store.sql.all<{ id: string; body: string }>(
      'SELECT id, body FROM customers ORDER BY id',
    ),
    views: store.sql.all<{ customer_id: string; body: string }>(
      'SELECT customer_id, body FROM views ORDER BY customer_id',
    ),
    members: store.sql.all<{ ref_key: string; customer_id: string }>(
      'SELECT ref_key, customer_id FROM customer_members ORDER BY ref_key',
    ),
  }
}

/** Everyone else's customers, members and views. */
function othersIn(rows: ReturnType<typeof derivedRows>, except: string[]) {
  return {
    customers: rows.customers.filter((r) => !except.includes(r.id)),
    views: rows.views.filter((r) => !except.includes(r.customer_id)),
    members: rows.members.filter((r) => !except.includes(r.customer_id)),
  }
}

function pickContact(world: World, store: TenantStore, joined: boolean) {
  for (const [id, members] of membersByCustomer(store)) {
    const contacts = members.filter((k) => k.startsWith('hubspot:'))
    const users = members.filter((k) => k.startsWith('zendesk:'))
    const history = expectedHistory(world, members)
    if (contacts.length !== 1 || users.length > 0 !== joined) continue
    if (history.nps.length === 0 || !history.tickets.some((t) => t.startsWith('hubspot:'))) continue
    return { customerId: id, members, contactId: contacts[0]!.split(':')[3]! }
  }
  throw new Error('no such contact in this portal')
}

describe('a privacy deletion in HubSpot', () => {
  it('leaves no trace of a HubSpot-only person, not even a quarantined version, others untouched', async () => {
    const world = createWorld()
    const store = openStore(world)
    await syncAll(world, store)
    const { customerId, contactId } = pickContact(world, store, false)
    const traces = tracesOf(world, contactId)
    expect(leftovers(store, traces).length).toBeGreaterThan(0) // the scan does see them

    // A later version of the contact that cannot map sits in quarantine with its raw JSON.
    world.hubspot.mutate.update('contacts', contactId, { createdate: 'not a date' })
    letChangesSettle(world)
    await syncAll(world, store)
    expect(store.listQuarantine({ connectionId: 'hs' }).map((q) => q.vendorId)).toContain(
      `contacts:${contactId}`,
    )
    const before = derivedRows(store)

    world.hubspot.mutate.privacyDelete(contactId)
    letChangesSettle(world)
    await syncAll(world, store)

    expect(leftovers(store, traces)).toEqual([])
    expect(store.getCustomer(customerId)).toBeNull()
    expect(store.listQuarantine({ connectionId: 'hs' })).toEqual([])
    expect(store.pendingDerive()).toEqual([])
    expect(othersIn(derivedRows(store), [customerId])).toEqual(othersIn(before, [customerId]))
    const tables = customerTables(store)
    expect(tables.views).toEqual(tables.customers)
    expect(storedCustomers(store)).toEqual(expectedCustomers(world))
  }, 60_000)

  it('keeps out the tickets and answers of a contact deleted before the first sync', async () => {
    // The portal's history holds one privacy deletion; HubSpot syncs contacts before tickets.
    const world = createWorld()
    const [contactId] = world.hubspot.groundTruth().privacyDeleted
    expect(contactId).toBeDefined()
    const { refKeys } = tracesOf(world, contactId!)
    expect(refKeys.length).toBeGreaterThan(1) // it had tickets or answers
    const store = openStore(world)
    await syncAll(world, store, ['hubspot', 'zendesk'])
    expect(leftovers(store, { refKeys, words: [] })).toEqual([])
  }, 60_000)

  it("removes the contact's HubSpot history from a joined customer and keeps its Zendesk side", async () => {
    const world = createWorld()
    const store = openStore(world)
    await syncAll(world, store)
    const { customerId, members, contactId } = pickContact(world, store, true)
    const traces = tracesOf(world, contactId)
    const before = historyIn(viewOf(store, customerId))
    const zendeskUser = members.find((k) => k.startsWith('zendesk:'))!
    const rowsBefore = derivedRows(store)

    world.hubspot.mutate.privacyDelete(contactId)
    letChangesSettle(world)
    await syncAll(world, store)

    // The HubSpot side is gone everywhere (the Zendesk user may share the address: only ref keys
    // are scanned here).
    expect(leftovers(store, { refKeys: traces.refKeys, words: [] })).toEqual([])
    const [source, account, object, id] = zendeskUser.split(':') as [string, string, string, string]
    const remaining = store.findCustomerId({
      by: 'person',
      ref: { source: source as 'zendesk', account, object, id },
    })!
    expect(membersByCustomer(store).get(remaining)).toEqual([zendeskUser])
    const after = historyIn(viewOf(store, remaining))
    const zendeskOnly = (keys: string[]) => keys.filter((k) => k.startsWith('zendesk:'))
    expect(after.nps).toEqual([])
    expect(after.csat).toEqual(zendeskOnly(before.csat))
    expect(after.openTickets).toEqual(zendeskOnly(before.openTickets))
    expect(after.ticketTotal).toBe(expectedHistory(world, [zendeskUser]).tickets.length)
    // Its id came from the contact (the smallest identity): the Zendesk user now makes its own.
    if (remaining !== customerId) {
      expect(store.getCustomer(customerId)).toBeNull()
      expect(store.getView(customerId)).toBeNull()
    }
    const changed = [customerId, remaining]
    expect(othersIn(derivedRows(store), changed)).toEqual(othersIn(rowsBefore, changed))
    expect(storedCustomers(store)).toEqual(expectedCustomers(world))
  }, 60_000)
})
