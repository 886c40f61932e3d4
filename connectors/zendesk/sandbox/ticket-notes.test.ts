import { describe, expect, it } from 'vitest'
import { createZendeskSandbox } from './app.ts'
import { addedComments } from './routes/ticket-notes.ts'

const BASE = 'http://acme.sandbox.test'

describe('Zendesk sandbox: comments and tags on tickets', () => {
  const sandbox = createZendeskSandbox({ seed: 3, users: 20, tickets: 40 })
  const tickets = [...sandbox.state.account.tickets.values()]
  const open = tickets.find((t) => t.status === 'open')!
  const closed = tickets.find((t) => t.status === 'closed')
  const put = async (path: string, body: unknown, auth = sandbox.authHeaders.basic) => {
    const response = await sandbox.app.request(`${BASE}${path}`, {
      method: 'PUT',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as Record<string, any> }
  }
  const note = { ticket: { comment: { body: 'NPS 3', public: false } } }

  it('adds an internal note and tags, and keeps them', async () => {
    const res = await put(`/api/v2/tickets/${open.id}.json`, note)
    expect(res.status).toBe(200)
    expect(res.body.ticket.id).toBe(open.id)
    expect(addedComments(sandbox.state)).toMatchObject([
      { ticketId: open.id, body: 'NPS 3', public: false },
    ])
    const tags = await put(`/api/v2/tickets/${open.id}/tags.json`, { tags: ['cxlens_alert'] })
    expect(tags.status).toBe(200)
    expect(tags.body.tags).toEqual(expect.arrayContaining([...open.tags, 'cxlens_alert']))
  })

  it('refuses what the subset does not take, unknown and closed tickets, and strangers', async () => {
    const extra = { ticket: { ...note.ticket, status: 'solved' } }
    expect((await put(`/api/v2/tickets/${open.id}.json`, extra)).status).toBe(400)
    expect((await put(`/api/v2/tickets/${open.id}.json`, { comment: 'x' })).status).toBe(400)
    expect((await put('/api/v2/tickets/999999999.json', note)).status).toBe(404)
    if (closed) expect((await put(`/api/v2/tickets/${closed.id}.json`, note)).status).toBe(422)
    expect((await put(`/api/v2/tickets/${open.id}.json`, note, 'Basic bm9ib2R5')).status).toBe(401)
    expect(addedComments(sandbox.state)).toHaveLength(1)
  })
})
