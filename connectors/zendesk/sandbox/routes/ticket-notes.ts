import type { Context, Hono } from 'hono'
import { z } from 'zod'
import type { SandboxState } from '../state.ts'
import { supportError, type RouteContext } from './context.ts'

/** An internal note (or public comment) added through `PUT /api/v2/tickets/{id}`, for assertions. */
export interface SandboxTicketComment {
  ticketId: number
  body: string
  public: boolean
  at: string
}

const comments = new WeakMap<SandboxState, SandboxTicketComment[]>()

/** The comments added to the sandbox's tickets through the API, oldest first. */
export function addedComments(state: SandboxState): SandboxTicketComment[] {
  return comments.get(state) ?? []
}

// The subset we send, strictly: any other field is refused so a client drifting from it is caught
// (the real endpoint takes many more) [ref: "Tickets › Update Ticket", TicketUpdateRequest].
const UpdateTicket = z.strictObject({
  ticket: z.strictObject({
    comment: z.strictObject({ body: z.string().min(1), public: z.boolean() }),
  }),
})
// [ref: "Tags › Add Tags": PUT /api/v2/tickets/{ticket_id}/tags adds to the ticket's tags]
const AddTags = z.strictObject({ tags: z.array(z.string().min(1)).min(1) })

const ID_JSON = /^(\d+)(?:\.json)?$/

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    return undefined
  }
}

/** `PUT /api/v2/tickets/{id}.json` (a comment) and `PUT /api/v2/tickets/{id}/tags.json`. */
export function registerTicketNotes(app: Hono, ctx: RouteContext): void {
  const ticketOf = (c: Context, raw: string) => {
    const id = Number(ID_JSON.exec(raw)?.[1])
    const ticket = ctx.state.account.tickets.get(id)
    if (!ticket || ticket.status === 'deleted') return null
    return ticket
  }
  const notFound = (c: Context) => supportError(c, 404, 'RecordNotFound', 'Not found')
  const invalid = (c: Context, what: string) => supportError(c, 400, 'InvalidValue', what)
  // Closed tickets cannot be updated [ref: "Tickets › Update Ticket": closed tickets are final].
  const closed = (c: Context) =>
    supportError(c, 422, 'RecordInvalid', 'Record validation errors: closed tickets are read-only')

  app.put('/api/v2/tickets/:file', async (c) => {
    const ticket = ticketOf(c, c.req.param('file'))
    if (!ticket) return notFound(c)
    const parsed = UpdateTicket.safeParse(await readJson(c))
    if (!parsed.success) return invalid(c, 'Expected {"ticket":{"comment":{"body","public"}}}')
    if (ticket.status === 'closed') return closed(c)
    const at = new Date(ctx.state.now()).toISOString().replace(/\.\d{3}Z$/, 'Z')
    const list = comments.get(ctx.state) ?? []
    list.push({ ticketId: ticket.id, ...parsed.data.ticket.comment, at })
    comments.set(ctx.state, list)
    ticket.updated_at = at
    return c.json({ ticket })
  })

  app.put('/api/v2/tickets/:id/:file', async (c) => {
    if (c.req.param('file') !== 'tags.json' && c.req.param('file') !== 'tags') return notFound(c)
    const ticket = ticketOf(c, c.req.param('id'))
    if (!ticket) return notFound(c)
    const parsed = AddTags.safeParse(await readJson(c))
    if (!parsed.success) return invalid(c, 'Expected {"tags":[...]}')
    if (ticket.status === 'closed') return closed(c)
    ticket.tags = [...new Set([...ticket.tags, ...parsed.data.tags])]
    return c.json({ tags: ticket.tags })
  })
}
