import type { Context, Hono } from 'hono'
import { decodeListCursor, encodeListCursor } from '../cursor.ts'
import type { SandboxState } from '../state.ts'
import { DAY } from '../time.ts'
import type { ZTicket } from '../types.ts'
import { intParam, type RouteContext, supportError } from './context.ts'

/**
 * Solved and closed tickets are archived 120 days after their last update ("About ticket
 * archiving"); list endpoints leave archived tickets out, the incremental export keeps them.
 * [unverified: whether a solved ticket that never closed archives on the same schedule]
 */
export const ARCHIVE_AFTER_MS = 120 * DAY

const MAX_PAGE_SIZE = 100

/** Whether a ticket is archived at `nowMs` (deleted tickets are gone, not archived). */
export function isArchived(ticket: ZTicket, nowMs: number): boolean {
  return (
    (ticket.status === 'solved' || ticket.status === 'closed') &&
    Date.parse(ticket.updated_at) + ARCHIVE_AFTER_MS <= nowMs
  )
}

/** Counter name of a path with a ticket id in it: `GET /api/v2/tickets/{id}/metrics.json`. */
export function listEndpointName(path: string): string {
  return path.replace(
    /^\/api\/v2\/tickets\/[^/]+\/metrics(\.json)?$/,
    '/api/v2/tickets/{id}/metrics$1',
  )
}

interface ById {
  version: number
  tickets: ZTicket[]
  ids: Float64Array
  /** When each ticket archives (ms), Infinity if it never will as it stands; NaN if deleted. */
  archiveAt: Float64Array
}

const views = new WeakMap<SandboxState, ById>()

/** Tickets by id with their archive instants, rebuilt after a mutation. */
function ticketsById(state: SandboxState): ById {
  const hit = views.get(state)
  if (hit && hit.version === state.version) return hit
  const tickets = [...state.account.tickets.values()].sort((a, b) => a.id - b.id)
  const archiveAt = Float64Array.from(tickets, (t) =>
    t.status === 'deleted'
      ? Number.NaN
      : t.status === 'solved' || t.status === 'closed'
        ? Date.parse(t.updated_at) + ARCHIVE_AFTER_MS
        : Number.POSITIVE_INFINITY,
  )
  const view = {
    version: state.version,
    tickets,
    ids: Float64Array.from(tickets, (t) => t.id),
    archiveAt,
  }
  views.set(state, view)
  return view
}

/** Visible in list endpoints at `now`: not deleted, not archived yet. */
const listed = (view: ById, i: number, now: number) => (view.archiveAt[i] as number) > now

/**
 * `GET /api/v2/tickets.json` [ref: "Tickets" › List Tickets]: id order, archived and deleted
 * tickets left out. Cursor paging (`page[size]` ≤ 100, `page[after]`; `meta` + `links`) when a
 * `page[…]` parameter comes, else offset paging (`page`, `per_page` ≤ 100; `next_page`, `count`).
 * `GET /api/v2/tickets/{id}/metrics.json` [ref: "Ticket Metrics" › Show Ticket Metrics]:
 * `{ ticket_metric }`, 404 for a deleted or unknown ticket. Both draw on the account limit only.
 */
export function registerListEndpoints(app: Hono, ctx: RouteContext): void {
  const listTickets = (c: Context) => {
    const q = (name: string) => c.req.query(name)
    const view = ticketsById(ctx.state)
    const now = ctx.state.now()
    const base = `${ctx.baseUrl(c)}/api/v2/tickets.json`
    const size = intParam(q('page[size]'))
    const after = q('page[after]')

    if (size !== undefined || after !== undefined) {
      if (size === null || (size !== undefined && size < 1))
        return supportError(
          c,
          400,
          'InvalidPaginationParameter',
          'page[size] must be a positive integer',
        )
      if (size !== undefined && size > MAX_PAGE_SIZE)
        return supportError(c, 400, 'InvalidPaginationParameter', 'page[size] is limited to 100')
      const pageSize = size ?? MAX_PAGE_SIZE
      let i = 0
      if (after) {
        const decoded = decodeListCursor(after)
        if (!decoded || !/^\d+$/.test(decoded))
          return supportError(c, 400, 'InvalidPaginationParameter', 'Invalid page[after] cursor')
        i = upperBound(view.ids, Number(decoded))
      }
      const page: ZTicket[] = []
      for (; i < view.tickets.length && page.length < pageSize; i++)
        if (listed(view, i, now)) page.push(view.tickets[i] as ZTicket)
      while (i < view.tickets.length && !listed(view, i, now)) i++
      const hasMore = i < view.tickets.length
      const first = page[0]
      const last = page[page.length - 1]
      const afterCursor = last ? encodeListCursor(last.id) : null
      const beforeCursor = first ? encodeListCursor(first.id) : null
      const link = (name: string, cursor: string) =>
        `${base}?page%5Bsize%5D=${pageSize}&page%5B${name}%5D=${cursor}`
      return c.json({
        tickets: page,
        meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
        links: {
          next: hasMore && afterCursor ? link('after', afterCursor) : null,
          prev: beforeCursor && after ? link('before', beforeCursor) : null,
        },
      })
    }

    const perPage = Math.min(Math.max(1, intParam(q('per_page')) ?? MAX_PAGE_SIZE), MAX_PAGE_SIZE)
    const pageNumber = Math.max(1, intParam(q('page')) ?? 1)
    const visible: ZTicket[] = []
    for (let i = 0; i < view.tickets.length; i++)
      if (listed(view, i, now)) visible.push(view.tickets[i] as ZTicket)
    const page = visible.slice((pageNumber - 1) * perPage, pageNumber * perPage)
    const offsetLink = (n: number) => `${base}?page=${n}&per_page=${perPage}`
    return c.json({
      tickets: page,
      next_page: pageNumber * perPage < visible.length ? offsetLink(pageNumber + 1) : null,
      previous_page: pageNumber > 1 ? offsetLink(pageNumber - 1) : null,
      count: visible.length,
    })
  }
  app.get('/api/v2/tickets', listTickets)
  app.get('/api/v2/tickets.json', listTickets)

  const showMetrics = (c: Context) => {
    const raw = c.req.param('id') ?? ''
    const id = /^\d+$/.test(raw) ? Number(raw) : null
    const ticket = id === null ? undefined : ctx.state.account.tickets.get(id)
    const metrics =
      ticket && ticket.status !== 'deleted'
        ? ctx.state.account.metricSets.get(ticket.id)
        : undefined
    if (!metrics) return supportError(c, 404, 'RecordNotFound', 'Not found')
    return c.json({ ticket_metric: metrics })
  }
  app.get('/api/v2/tickets/:id/metrics', showMetrics)
  app.get('/api/v2/tickets/:id/metrics.json', showMetrics)
}

/** First index whose id is > `id`. */
function upperBound(ids: Float64Array, id: number): number {
  let lo = 0
  let hi = ids.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((ids[mid] as number) <= id) lo = mid + 1
    else hi = mid
  }
  return lo
}
