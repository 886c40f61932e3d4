import { describe, expect, it } from 'vitest'
import { createZendeskSandbox } from './app.ts'
import { get, walkExport } from './testing.ts'

const NOW = Date.parse('2026-01-15T09:00:00Z')
const fresh = () =>
  createZendeskSandbox({ users: 400, tickets: 3000, now: NOW, rateLimits: { incremental: false } })
const TICKETS = '/api/v2/incremental/tickets/cursor.json'

describe('incremental ticket export (cursor)', () => {
  it('walks every ticket exactly once, except items repeated at a page boundary', async () => {
    const sandbox = fresh()
    sandbox.advance(120_000) // past the one-minute window, so everything is exportable
    const pages = await walkExport(sandbox, `${TICKETS}?start_time=0&per_page=1000`)
    const ids = pages.flatMap((p) => p.tickets.map((t: { id: number }) => t.id))
    expect(new Set(ids).size).toBe(sandbox.state.account.tickets.size)
    // A repeat only happens at the top of a page, for items sharing the previous page's last timestamp.
    for (let i = 1; i < pages.length; i++) {
      const previous = pages[i - 1]!.tickets
      const lastTs = previous[previous.length - 1].generated_timestamp
      const seenBefore = new Set(
        pages.slice(0, i).flatMap((p) => p.tickets.map((t: { id: number }) => t.id)),
      )
      for (const t of pages[i]!.tickets)
        if (seenBefore.has(t.id)) expect(t.generated_timestamp).toBe(lastTs)
    }
    expect(pages.at(-1)!.end_of_stream).toBe(true)
    expect(pages.slice(0, -1).every((p) => p.end_of_stream === false)).toBe(true)
    expect(
      pages.every(
        (p, i) => p.tickets.length <= 1000 && (i === pages.length - 1 || p.tickets.length === 1000),
      ),
    ).toBe(true)
  })

  it('orders by generated_timestamp and returns deleted tickets with status deleted', async () => {
    const sandbox = fresh()
    sandbox.advance(120_000)
    const { body } = await get(sandbox, `${TICKETS}?start_time=0`)
    const stamps = body.tickets.map((t: { generated_timestamp: number }) => t.generated_timestamp)
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b))
    expect(body.tickets.some((t: { status: string }) => t.status === 'deleted')).toBe(true)
    const excluded = await get(sandbox, `${TICKETS}?start_time=0&exclude_deleted=true`)
    expect(excluded.body.tickets.some((t: { status: string }) => t.status === 'deleted')).toBe(
      false,
    )
  })

  it('repeats tied items across pages but still progresses when ties fill a page', async () => {
    const sandbox = fresh()
    sandbox.advance(120_000)
    const tied = sandbox.mutate({ newTickets: 7 }) // seven tickets share one second
    sandbox.advance(120_000)
    const start = Math.floor(tied.at / 1000)
    const pages = await walkExport(sandbox, `${TICKETS}?start_time=${start}&per_page=3`)
    const ids = pages.flatMap((p) => p.tickets.map((t: { id: number }) => t.id))
    expect(new Set(ids)).toEqual(new Set(tied.tickets.created))
    const pages5 = await walkExport(sandbox, `${TICKETS}?start_time=${start - 1}&per_page=10`)
    expect(pages5.length).toBe(1)
  })

  it('keeps an after_cursor on the last page: polling it later returns only what changed', async () => {
    const sandbox = fresh()
    sandbox.advance(120_000)
    const pages = await walkExport(sandbox, `${TICKETS}?start_time=0`)
    const last = pages.at(-1)!
    expect(typeof last.after_cursor).toBe('string')
    expect(last.after_url).toContain(`cursor=${encodeURIComponent(last.after_cursor)}`)
    const again = await get(sandbox, `${TICKETS}?cursor=${encodeURIComponent(last.after_cursor)}`)
    expect(again.body.end_of_stream).toBe(true)
    const lastTs = last.tickets.at(-1).generated_timestamp
    expect(
      again.body.tickets.every(
        (t: { generated_timestamp: number }) => t.generated_timestamp === lastTs,
      ),
    ).toBe(true)
    expect(again.body.before_cursor).toBe(last.after_cursor)
  })

  it('never returns the most recent minute, and refuses a start_time within it', async () => {
    const sandbox = fresh()
    sandbox.advance(120_000)
    const change = sandbox.mutate({ newTickets: 2 })
    const nowSec = Math.floor(change.at / 1000)
    const walked = await walkExport(sandbox, `${TICKETS}?start_time=${nowSec - 3600}`)
    const ids = walked.flatMap((p) => p.tickets.map((t: { id: number }) => t.id))
    expect(ids.some((id) => change.tickets.created.includes(id))).toBe(false)
    sandbox.advance(61_000)
    const later = await get(
      sandbox,
      `${TICKETS}?cursor=${encodeURIComponent(walked.at(-1)!.after_cursor)}`,
    )
    expect(later.body.tickets.map((t: { id: number }) => t.id)).toEqual(
      expect.arrayContaining(change.tickets.created),
    )

    const tooRecent = await get(
      sandbox,
      `${TICKETS}?start_time=${Math.floor(sandbox.state.now() / 1000) - 30}`,
    )
    expect(tooRecent.status).toBe(400)
    expect(tooRecent.body.description).toMatch(/older than 1 minute/)
    expect((await get(sandbox, TICKETS)).status).toBe(400)
    expect((await get(sandbox, `${TICKETS}?cursor=garbage`)).status).toBe(400)
  })

  it('side-loads metric sets with include=metric_sets', async () => {
    const sandbox = fresh()
    const { body } = await get(sandbox, `${TICKETS}?start_time=0&per_page=200&include=metric_sets`)
    const live = body.tickets
      .filter((t: { status: string }) => t.status !== 'deleted')
      .map((t: { id: number }) => t.id)
    expect(body.metric_sets.map((m: { ticket_id: number }) => m.ticket_id).sort()).toEqual(
      live.sort(),
    )
    expect(body.metric_sets[0].reply_time_in_minutes).toHaveProperty('business')
    const plain = await get(sandbox, `${TICKETS}?start_time=0&per_page=5`)
    expect(plain.body.metric_sets).toBeUndefined()
  })
})

describe('incremental user and organization exports', () => {
  it('walks every user with the cursor export', async () => {
    const sandbox = fresh()
    const pages = await walkExport(
      sandbox,
      '/api/v2/incremental/users/cursor.json?start_time=0&per_page=150',
    )
    const ids = new Set(pages.flatMap((p) => p.users.map((u: { id: number }) => u.id)))
    expect(ids.size).toBe(sandbox.state.account.users.size)
  })

  it('pages organizations by time with next_page and end_time, deleted ones carrying deleted_at', async () => {
    const sandbox = fresh()
    sandbox.mutate({ deletedOrganizations: 2 })
    sandbox.advance(120_000)
    const seen = new Set<number>()
    let url = '/api/v2/incremental/organizations.json?start_time=0&per_page=7'
    let deleted = 0
    for (let i = 0; i < 100; i++) {
      const { body } = await get(sandbox, url)
      for (const o of body.organizations) seen.add(o.id)
      deleted =
        body.organizations.filter((o: { deleted_at?: string }) => o.deleted_at).length || deleted
      expect(body.count).toBe(body.organizations.length)
      expect(body.next_page).toContain(`start_time=${body.end_time}`)
      if (body.end_of_stream) break
      url = body.next_page
    }
    expect(seen.size).toBe(sandbox.state.account.organizations.size)
    expect(deleted).toBeGreaterThan(0)
  })
})
