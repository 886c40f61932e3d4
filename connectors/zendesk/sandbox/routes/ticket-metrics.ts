import type { Context, Hono } from 'hono'
import { decodeListCursor, encodeListCursor } from '../cursor.ts'
import type { SandboxState } from '../state.ts'
import type { ZTicket } from '../types.ts'
import { intParam, type RouteContext, supportError } from './context.ts'
import { isArchived } from './list-endpoints.ts'

const MAX_PAGE_SIZE = 100

/** Tickets newest created first (ties: higher id first), rebuilt after a mutation. */
const orders = new WeakMap<SandboxState, { version: number; tickets: ZTicket[] }>()
function newestFirst(state: SandboxState): ZTicket[] {
  const hit = orders.get(state)
  if (hit && hit.version === state.version) return hit.tickets
  const tickets = [...state.account.tickets.values()].sort(
    (a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id,
  )
  orders.set(state, { version: state.version, tickets })
  return tickets
}

/**
 * `GET /api/v2/ticket_metrics` (List Ticket Metrics): tickets' metric sets, newest created ticket
 * first, archived (and deleted) tickets left out, at most 100 per page, cursor pagination
 * (`page[size]`, `page[after]`) [ref: Zendesk OpenAPI ListTicketMetrics].
 */
export function registerTicketMetricsList(app: Hono, ctx: RouteContext): void {
  const list = (c: Context) => {
    const state = ctx.state
    const now = state.now()
    const size = intParam(c.req.query('page[size]')) ?? MAX_PAGE_SIZE
    if (size < 1 || size > MAX_PAGE_SIZE)
      return supportError(c, 400, 'InvalidPaginationParameter', 'page[size] is 1 to 100')
    const after = c.req.query('page[after]')
    const tickets = newestFirst(state)
    let i = 0
    if (after) {
      const decoded = decodeListCursor(after)
      if (decoded === null)
        return supportError(c, 400, 'InvalidPaginationParameter', 'Invalid cursor')
      i = tickets.findIndex((t) => String(t.id) === decoded) + 1
      if (i === 0) return supportError(c, 400, 'InvalidPaginationParameter', 'Invalid cursor')
    }
    const listed = (t: ZTicket) => t.status !== 'deleted' && !isArchived(t, now)
    const page: ZTicket[] = []
    for (; i < tickets.length && page.length < size; i++)
      if (listed(tickets[i]!)) page.push(tickets[i]!)
    while (i < tickets.length && !listed(tickets[i]!)) i++
    const hasMore = i < tickets.length
    const last = page[page.length - 1]
    const afterCursor = last ? encodeListCursor(last.id) : null
    const base = `${new URL(c.req.url).origin}/api/v2/ticket_metrics.json`
    return c.json({
      ticket_metrics: page.flatMap((t) => {
        const metrics = state.account.metricSets.get(t.id)
        return metrics ? [metrics] : []
      }),
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: null },
      links: {
        next:
          hasMore && afterCursor
            ? `${base}?page%5Bsize%5D=${size}&page%5Bafter%5D=${afterCursor}`
            : null,
        prev: null,
      },
    })
  }
  app.get('/api/v2/ticket_metrics', list)
  app.get('/api/v2/ticket_metrics.json', list)
}
