import type { CustomerView, NpsCategory, Source } from '../../../core/model/index.ts'
import type { TenantStore, ViewFilter } from '../../../core/store/index.ts'

/** Filters of the admin customer list; several are ANDed. */
export type CustomerFilter = ViewFilter

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

/** A page of customers (by id) with what makes them worth a look; filtered and paged in SQL. */
export function listCustomerSummaries(
  store: TenantStore,
  query: { limit: number; offset: number; has: CustomerFilter[] },
): CustomerPage {
  const { total, views } = store.pageViews(query)
  return { total, limit: query.limit, offset: query.offset, customers: views.map(summarise) }
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
