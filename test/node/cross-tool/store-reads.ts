import { refKey, type CustomerView } from '../../../core/model/index.ts'
import type { TenantStore } from '../../../core/store/index.ts'
import { canonical } from './expected.ts'

/** Reads of the store the tests compare with what a person expects. */

/** Customer id → sorted member ref keys, from `customer_members`. */
export function membersByCustomer(store: TenantStore): Map<string, string[]> {
  const rows = store.sql.all<{ customer_id: string; ref_key: string }>(
    'SELECT customer_id, ref_key FROM customer_members ORDER BY ref_key',
  )
  const groups = new Map<string, string[]>()
  for (const row of rows)
    groups.set(row.customer_id, [...(groups.get(row.customer_id) ?? []), row.ref_key])
  return groups
}

/** The store's customers as sets of member identities (comparable with `expectedCustomers`). */
export function storedCustomers(store: TenantStore): string[][] {
  return canonical([...membersByCustomer(store).values()])
}

/** Customer ids of three tables that must agree: customers, their members, their views. */
export function customerTables(store: TenantStore) {
  const ids = (sql: string) =>
    store.sql
      .all<{ id: string }>(sql)
      .map((r) => r.id)
      .sort()
  return {
    customers: ids('SELECT id FROM customers'),
    members: ids('SELECT DISTINCT customer_id AS id FROM customer_members'),
    views: ids('SELECT customer_id AS id FROM views'),
  }
}

export function viewOf(store: TenantStore, customerId: string): CustomerView {
  const view = store.getView(customerId)
  if (!view) throw new Error(`no view for ${customerId}`)
  return view
}

/** What a view shows of a customer's history, as ref keys. */
export function historyIn(view: CustomerView) {
  const keys = (refs: { ref: Parameters<typeof refKey>[0] }[]) =>
    refs.map((r) => refKey(r.ref)).sort()
  return {
    ticketTotal: view.tickets.total,
    openTickets: keys(view.tickets.open),
    recentTickets: keys(view.tickets.recent),
    nps: keys(view.nps.responses),
    csat: keys(view.csat.responses),
    ces: keys(view.ces.responses),
  }
}

/** Ticket and answer ref keys the store attributes to these people (what any view is built from). */
export function storedHistoryOf(store: TenantStore, memberKeys: string[]) {
  const list = JSON.stringify(memberKeys)
  const tickets = store.sql
    .all<{ ref_key: string }>(
      `SELECT ref_key FROM records WHERE kind = 'ticket' AND deleted = 0
       AND requester_key IN (SELECT value FROM json_each(?)) ORDER BY ref_key`,
      list,
    )
    .map((r) => r.ref_key)
  return { tickets }
}

/** Every table of the store and every text cell in it: for "nothing left behind" scans. */
export function everyCell(store: TenantStore): { table: string; text: string }[] {
  const tables = store.sql
    .all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .map((r) => r.name)
  const cells: { table: string; text: string }[] = []
  for (const table of tables) {
    for (const row of store.sql.all(`SELECT * FROM "${table}"`)) {
      for (const value of Object.values(row)) {
        if (value === null || value === undefined) continue
        const text =
          value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : String(value)
        cells.push({ table, text })
      }
    }
  }
  return cells
}
