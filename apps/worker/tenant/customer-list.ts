import type { CustomerView, NpsCategory, Source } from '../../../core/model/index.ts'
import type { SqlPort } from '../../../core/store/port.ts'

/** Filters of the admin customer list; several are ANDed. */
export type CustomerFilter = 'friction' | 'nps' | 'both_sources'

export interface CustomerSummary {
  id: string
  displayName: string
  /** Distinct sources of the customer's identities, sorted. */
  sources: Source[]
  /** Vendor ids per source, for pickers and deep links (`zendesk:acme:user:42`). */
  identities: { source: Source; account: string; object: string; id: string }[]
  nps: { score: number; category: NpsCategory; at: string } | null
  openFriction: number
  openTickets: number
  totalTickets: number
}

export interface CustomerPage {
  total: number
  limit: number
  offset: number
  customers: CustomerSummary[]
}

/** Each filter as a condition on the stored view (`views.body`), so paging happens in SQL. */
const CONDITIONS: Record<CustomerFilter, string> = {
  friction: `EXISTS (SELECT 1 FROM json_each(v.body, '$.friction') f
    WHERE json_extract(f.value, '$.open') = 1)`,
  nps: `json_extract(v.body, '$.nps.latest') IS NOT NULL`,
  both_sources: `(SELECT count(DISTINCT json_extract(i.value, '$.source'))
    FROM json_each(v.body, '$.customer.identities') i) >= 2`,
}

/** A page of customers (by id) with what makes them worth a look. */
export function listCustomerSummaries(
  sql: SqlPort,
  query: { limit: number; offset: number; has: CustomerFilter[] },
): CustomerPage {
  const where = query.has.length
    ? `WHERE ${[...new Set(query.has)].map((f) => CONDITIONS[f]).join(' AND ')}`
    : ''
  const [count] = sql.all<{ n: number }>(`SELECT count(*) AS n FROM views v ${where}`)
  const rows = sql.all<{ body: string }>(
    `SELECT v.body FROM views v ${where} ORDER BY v.customer_id LIMIT ? OFFSET ?`,
    query.limit,
    query.offset,
  )
  return {
    total: Number(count?.n ?? 0),
    limit: query.limit,
    offset: query.offset,
    customers: rows.map((r) => summarise(JSON.parse(r.body) as CustomerView)),
  }
}

export function summarise(view: CustomerView): CustomerSummary {
  const { customer } = view
  return {
    id: customer.id,
    displayName: customer.displayName,
    sources: [...new Set(customer.identities.map((r) => r.source))].sort(),
    identities: customer.identities.map(({ source, account, object, id }) => ({
      source,
      account,
      object,
      id,
    })),
    nps: view.nps.latest,
    openFriction: view.friction.filter((f) => f.open).length,
    openTickets: view.tickets.open.length,
    totalTickets: view.tickets.total,
  }
}
