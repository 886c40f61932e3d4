import zendesk from 'node-zendesk'
import { describe, expect, it } from 'vitest'
import { createZendeskSandbox, type ZendeskSandbox } from '../app.ts'
import { get, walkExport } from '../testing.ts'
import { ARCHIVE_AFTER_MS, isArchived } from './list-endpoints.ts'

const NOW = Date.parse('2026-01-15T09:00:00Z')
const fresh = () => createZendeskSandbox({ users: 200, tickets: 1500, now: NOW })

/** Ids the list endpoint should show: neither deleted nor archived at the sandbox clock. */
function listable(sandbox: ZendeskSandbox): number[] {
  const now = sandbox.state.now()
  return sandbox
    .groundTruth()
    .tickets.filter((t) => t.status !== 'deleted' && !isArchived(t, now))
    .map((t) => t.id)
}

async function walkCursor(sandbox: ZendeskSandbox, first: string) {
  const pages: Record<string, any>[] = []
  let url: string | null = first
  while (url) {
    const { status, body } = await get(sandbox, url)
    expect(status, url).toBe(200)
    pages.push(body)
    url = body.meta.has_more ? body.links.next : null
    if (pages.length > 100) throw new Error('the walk never ended')
  }
  return pages
}

describe('GET /api/v2/tickets.json', () => {
  it('cursor pages list every live ticket once, in id order, and leave archived ones out', async () => {
    const sandbox = fresh()
    const pages = await walkCursor(sandbox, '/api/v2/tickets.json?page[size]=100')
    const ids = pages.flatMap((p) => p.tickets.map((t: { id: number }) => t.id))
    expect(ids).toEqual(listable(sandbox))
    expect(pages.every((p) => p.tickets.length <= 100)).toBe(true)
    expect(pages.length).toBe(Math.ceil(ids.length / 100))
    expect(pages.at(-1)?.links.next).toBeNull()

    const truth = sandbox.groundTruth().tickets
    const archived = truth.filter((t) => t.status !== 'deleted' && isArchived(t, NOW))
    expect(archived.length).toBeGreaterThan(100)
    expect(truth.some((t) => t.status === 'deleted')).toBe(true)
    // The incremental export still has them: the list endpoint is the one that cannot see them.
    const exported = new Set(
      (await walkExport(sandbox, '/api/v2/incremental/tickets/cursor.json?start_time=0')).flatMap(
        (p) => p.tickets.map((t: { id: number }) => t.id),
      ),
    )
    expect(archived.every((t) => exported.has(t.id))).toBe(true)
  })

  it('archives a solved ticket 120 days after its last update', () => {
    const sandbox = fresh()
    const solved = sandbox.groundTruth().tickets.find((t) => t.status === 'solved')
    expect(solved).toBeDefined()
    const updated = Date.parse(solved!.updated_at)
    expect(isArchived(solved!, updated + ARCHIVE_AFTER_MS - 1000)).toBe(false)
    expect(isArchived(solved!, updated + ARCHIVE_AFTER_MS)).toBe(true)
    expect(isArchived({ ...solved!, status: 'open' }, updated + 10 * ARCHIVE_AFTER_MS)).toBe(false)
  })

  it('a ticket updated after a mutation shows again until it archives', async () => {
    const sandbox = fresh()
    const before = new Set(listable(sandbox))
    const result = sandbox.mutate({ updatedTickets: 50, deletedTickets: 5 })
    const pages = await walkCursor(sandbox, '/api/v2/tickets.json?page[size]=100')
    const ids = new Set(pages.flatMap((p) => p.tickets.map((t: { id: number }) => t.id)))
    for (const id of result.tickets.updated) expect(ids.has(id)).toBe(true)
    for (const id of result.tickets.deleted) expect(ids.has(id)).toBe(false)
    expect(ids.size).toBe(
      before.size +
        result.tickets.updated.filter((id) => !before.has(id)).length -
        result.tickets.deleted.filter((id) => before.has(id)).length,
    )
  })

  it('refuses page[size] over 100 and bad cursors', async () => {
    const sandbox = fresh()
    const big = await get(sandbox, '/api/v2/tickets.json?page[size]=101')
    expect(big.status).toBe(400)
    expect(big.body.description).toBe('page[size] is limited to 100')
    const bad = await get(sandbox, '/api/v2/tickets.json?page[after]=!!')
    expect(bad.status).toBe(400)
  })

  it('offset pages carry next_page and count, per_page capped at 100', async () => {
    const sandbox = fresh()
    const expected = listable(sandbox)
    const ids: number[] = []
    let url: string | null = '/api/v2/tickets.json?per_page=500'
    let pages = 0
    while (url) {
      const { status, body } = await get(sandbox, url)
      expect(status).toBe(200)
      expect(body.count).toBe(expected.length)
      expect(body.tickets.length).toBeLessThanOrEqual(100)
      ids.push(...body.tickets.map((t: { id: number }) => t.id))
      url = body.next_page
      if (++pages > 100) throw new Error('the walk never ended')
    }
    expect(ids).toEqual(expected)
  })

  it("is what node-zendesk's tickets.list() walks (cursor paging, page[size]=100)", async () => {
    const sandbox = fresh()
    const urls: string[] = []
    const client = zendesk.createClient({
      username: sandbox.credentials.email,
      token: sandbox.credentials.apiToken,
      endpointUri: 'http://sandbox.test/api/v2',
      transportConfig: {
        transportFn: (uri: string, options: RequestInit) => {
          urls.push(uri)
          return sandbox.app.request(uri, { method: options.method, headers: options.headers })
        },
        responseAdapter: (response: Response) => ({
          json: () => response.json(),
          status: response.status,
          headers: { get: (name: string) => response.headers.get(name) },
          statusText: response.statusText,
        }),
      },
    } as Parameters<typeof zendesk.createClient>[0])
    const tickets = (await client.tickets.list()) as unknown as { id: number }[]
    expect(tickets.map((t) => t.id)).toEqual(listable(sandbox))
    expect(urls[0]).toBe('http://sandbox.test/api/v2/tickets.json?page%5Bsize%5D=100')
    expect(urls.length).toBe(Math.ceil(tickets.length / 100))
  })
})

describe('GET /api/v2/tickets/{id}/metrics.json', () => {
  it('answers { ticket_metric } for a live or archived ticket, 404 for deleted and unknown ones', async () => {
    const sandbox = fresh()
    const truth = sandbox.groundTruth()
    const archived = truth.tickets.find((t) => t.status !== 'deleted' && isArchived(t, NOW))!
    for (const id of [listable(sandbox)[0]!, archived.id]) {
      const { status, body } = await get(sandbox, `/api/v2/tickets/${id}/metrics.json`)
      expect(status).toBe(200)
      expect(body).toEqual({ ticket_metric: truth.metricSets.find((m) => m.ticket_id === id) })
    }
    const deleted = truth.tickets.find((t) => t.status === 'deleted')!
    const gone = await get(sandbox, `/api/v2/tickets/${deleted.id}/metrics.json`)
    expect(gone.status).toBe(404)
    expect(gone.body).toEqual({ error: 'RecordNotFound', description: 'Not found' })
    expect((await get(sandbox, '/api/v2/tickets/999999999/metrics')).status).toBe(404)
    expect(sandbox.state.requests.byEndpoint).toMatchObject({
      'GET /api/v2/tickets/{id}/metrics.json': 3,
      'GET /api/v2/tickets/{id}/metrics': 1,
    })
  })

  it('draws on the account rate limit, not the export one', async () => {
    const sandbox = fresh()
    sandbox.setClock(NOW + 120_000 - ((NOW + 120_000) % 60_000))
    sandbox.setRateLimits({ account: 3, incremental: 1 })
    const id = listable(sandbox)[0]!
    const statuses: number[] = []
    for (let i = 0; i < 3; i++)
      statuses.push((await get(sandbox, `/api/v2/tickets/${id}/metrics.json`)).status)
    const refused = await get(sandbox, '/api/v2/tickets.json')
    expect(statuses).toEqual([200, 200, 200])
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBeTruthy()
  })
})
