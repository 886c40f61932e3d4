import { describe, expect, it } from 'vitest'
import { satisfactionRating, ticket } from '../fixtures/raw.ts'
import { fakeHttp, memoryCache, testOptions } from '../fixtures/fake-http.ts'
import { satisfactionRatingsStream } from './satisfaction-ratings.ts'
import { ticketsStream } from './tickets.ts'

const DAY = 24 * 3600
const ratingsPage = (ratings: unknown[]) => ({
  satisfaction_ratings: ratings,
  meta: { has_more: false, after_cursor: null, before_cursor: null },
  links: { next: null, prev: null },
})
const exportPage = (tickets: unknown[]) => ({
  tickets,
  metric_sets: [],
  after_cursor: 'c1',
  after_url: null,
  before_cursor: null,
  before_url: null,
  end_of_stream: true,
})
const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000', '')

// An old rating (created 30 days before the newest one) and a recent one.
const NEWEST = 1_760_000_000
const OLD = { ...satisfactionRating, id: 11, ticket_id: 5, created_at: iso(NEWEST - 30 * DAY) }
const RECENT = { ...satisfactionRating, id: 12, ticket_id: 6, created_at: iso(NEWEST) }
// The next walk starts after the newest second read (it ended long before the walk began).
const WATERMARK = NEWEST + 1
const ticketWith = (id: number, rating: unknown, createdAt = NEWEST - 40 * DAY) => ({
  ...ticket,
  id,
  created_at: iso(createdAt),
  satisfaction_rating: rating,
})

/** Backfill the ratings (one walk), then run one poll: tickets, then ratings, as the connector does. */
async function poll(changedTickets: unknown[], ratingsAnswers: unknown[][]) {
  const cache = memoryCache()
  const ratings = satisfactionRatingsStream(testOptions)
  const first = await ratings.fetchPage(null, fakeHttp([ratingsPage([OLD, RECENT])], cache).ctx)
  await ticketsStream(testOptions).fetchPage(
    null,
    fakeHttp([exportPage(changedTickets)], cache).ctx,
  )
  const { ctx, calls } = fakeHttp(ratingsAnswers.map(ratingsPage), cache)
  const pages = []
  let cursor = first.cursor
  for (;;) {
    const page = await ratings.fetchPage(cursor, ctx)
    pages.push(page)
    cursor = page.cursor
    if (page.done) break
  }
  return { cache, calls, pages, cursor, ratings }
}

describe('ratings re-read on a change signal from the tickets stream', () => {
  it('reads one page from the watermark when no rating changed', async () => {
    const unchanged = ticketWith(5, { id: 11, score: OLD.score, comment: OLD.comment })
    const { calls } = await poll([unchanged, ticketWith(7, null)], [[RECENT]])
    expect(calls.map((c) => c.url.searchParams.get('start_time'))).toEqual([String(WATERMARK)])
  })

  it('re-reads from a rating changed 20 days after its creation, once', async () => {
    const changed = ticketWith(5, { id: 11, score: 'bad', comment: 'Finally not fixed' })
    const bad = { ...OLD, score: 'bad', comment: 'Finally not fixed' }
    const { calls, pages, cache, cursor, ratings } = await poll([changed], [[bad, RECENT]])
    expect(calls.map((c) => c.url.searchParams.get('start_time'))).toEqual([
      String(NEWEST - 30 * DAY),
    ])
    expect(pages.flatMap((p) => p.items)).toContainEqual(bad)
    // Consumed: the poll after starts at the watermark again.
    const next = fakeHttp([ratingsPage([])], cache)
    await ratings.fetchPage(cursor, next.ctx)
    expect(next.calls[0]?.url.searchParams.get('start_time')).toBe(String(WATERMARK))
  })

  it('walks once more from the ticket creation for a rating it never read', async () => {
    const created = NEWEST - 50 * DAY
    const late = { ...satisfactionRating, id: 13, created_at: iso(NEWEST - 45 * DAY) }
    const rated = ticketWith(8, { id: 13, score: 'good', comment: null }, created)
    const { calls, pages } = await poll([rated], [[], [late, OLD, RECENT]])
    expect(calls.map((c) => c.url.searchParams.get('start_time'))).toEqual([
      String(WATERMARK),
      String(created),
    ])
    expect(pages.map((p) => p.done)).toEqual([false, true])
    expect(pages.flatMap((p) => p.items)).toContainEqual(late)
  })

  it('costs no extra walk for a new rating the watermark walk meets', async () => {
    const fresh = { ...satisfactionRating, id: 14, created_at: iso(NEWEST + 60) }
    const rated = ticketWith(9, { id: 14, score: 'good', comment: null })
    const { calls } = await poll([rated], [[RECENT, fresh]])
    expect(calls).toHaveLength(1)
  })
})
