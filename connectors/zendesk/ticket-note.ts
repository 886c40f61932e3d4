import { withAuthorization, type ZendeskCredentials } from './auth.ts'

export interface ZendeskNoteResult {
  ok: boolean
  status: number
}

/**
 * Adds an internal note (`public: false`) to a ticket, then tags it: `PUT /api/v2/tickets/{id}`
 * with `{ticket: {comment}}` [ref: "Tickets › Update Ticket"] and `PUT /api/v2/tickets/{id}/tags`
 * [ref: "Tags › Add Tags": adds without replacing]. The first failing call's status is returned.
 */
export async function addZendeskInternalNote(input: {
  baseUrl: string
  auth: ZendeskCredentials
  ticketId: string
  body: string
  tags: string[]
}): Promise<ZendeskNoteResult> {
  const put = (path: string, payload: unknown) =>
    withAuthorization(input.auth, (authorization) =>
      fetch(`${input.baseUrl}/api/v2/tickets/${encodeURIComponent(input.ticketId)}${path}`, {
        method: 'PUT',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(10_000),
      }),
    )
  const note = await put('.json', { ticket: { comment: { body: input.body, public: false } } })
  await note.body?.cancel()
  if (!note.ok || input.tags.length === 0) return { ok: note.ok, status: note.status }
  const tags = await put('/tags.json', { tags: input.tags })
  await tags.body?.cancel()
  return { ok: tags.ok, status: tags.status }
}
