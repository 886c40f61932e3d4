import { describe, expect, it } from 'vitest'
import { surveyResponse, ticket } from '../fixtures/raw.ts'
import { NOW_S, fakeHttp, memoryCache, testOptions } from '../fixtures/fake-http.ts'
import { ulidSeconds } from './survey-hints.ts'
import { surveyResponsesStream } from './survey-responses.ts'
import { ticketsStream } from './tickets.ts'

const DAY = 24 * 3600
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const ulidAt = (s: number, tail = 'Q0C93RNW6HXTYWE6') => {
  let ms = s * 1000
  let time = ''
  for (let i = 0; i < 10; i++, ms = Math.floor(ms / 32)) time = CROCKFORD[ms % 32] + time
  return time + tail
}
const iso = (s: number) => new Date(s * 1000).toISOString()
const listPage = (responses: unknown[]) => ({
  survey_responses: responses,
  meta: { has_more: false, after_cursor: null },
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

// Offered 20 days ago on ticket 42, not answered yet, open for 8 more days.
const OFFERED = NOW_S - 20 * DAY
const open = {
  ...surveyResponse,
  id: ulidAt(OFFERED),
  answers: [],
  expires_at: iso(OFFERED + 28 * DAY),
  subject_zrns: ['zen:ticket:42'],
  subjects: [{ id: '42', type: 'ticket', zrn: 'zen:ticket:42' }],
}
const RECENT = NOW_S - 3600
const recent = {
  ...surveyResponse,
  id: ulidAt(RECENT),
  answers: surveyResponse.answers.map((a) => ({ ...a, created_at: iso(RECENT) })),
  expires_at: iso(RECENT + 28 * DAY),
  subjects: [{ id: '43', type: 'ticket', zrn: 'zen:ticket:43' }],
}
const answered = {
  ...open,
  answers: surveyResponse.answers.map((a) => ({ ...a, created_at: iso(NOW_S) })),
}

async function backfill() {
  const cache = memoryCache()
  // The survey version was learned before (one show call per version, ever): no call here.
  cache.set(
    `zendesk:survey_version:${surveyResponse.survey.id}:${surveyResponse.survey.version}`,
    '{}',
  )
  const stream = surveyResponsesStream({ ...testOptions, lookbackSeconds: 30 * DAY })
  const first = await stream.fetchPage(null, fakeHttp([listPage([open, recent])], cache).ctx)
  return { cache, stream, cursor: first.cursor }
}

const startOf = (calls: { url: URL }[]) =>
  calls.map((c) => Number(c.url.searchParams.get('filter[created_at_start]')) / 1000)

describe('survey responses re-read on a change signal from the tickets stream', () => {
  it('reads the ULID creation time', () => {
    expect(ulidSeconds(ulidAt(1_760_000_000))).toBe(1_760_000_000)
    expect(ulidSeconds('not-a-ulid')).toBeNull()
  })

  it('re-reads from a response answered 20 days after it was offered', async () => {
    const { cache, stream, cursor } = await backfill()
    const changed = { ...ticket, id: 42 }
    await ticketsStream(testOptions).fetchPage(null, fakeHttp([exportPage([changed])], cache).ctx)
    const { ctx, calls } = fakeHttp([listPage([answered, recent])], cache)
    const page = await stream.fetchPage(cursor, ctx)
    expect(startOf(calls)).toEqual([OFFERED])
    expect(page.items.map((i) => i.response)).toContainEqual(answered)
    // Consumed: the next poll starts at the watermark (the newest time read: the new answer's).
    const next = fakeHttp([listPage([recent])], cache)
    await stream.fetchPage(page.cursor, next.ctx)
    expect(startOf(next.calls)).toEqual([NOW_S])
  })

  it('reads one page from the watermark when no ticket with an open response changed', async () => {
    const { cache, stream, cursor } = await backfill()
    const other = { ...ticket, id: 77 }
    await ticketsStream(testOptions).fetchPage(null, fakeHttp([exportPage([other])], cache).ctx)
    const { ctx, calls } = fakeHttp([listPage([recent])], cache)
    await stream.fetchPage(cursor, ctx)
    expect(startOf(calls)).toEqual([RECENT + 1])
  })

  it('sweeps the answer window once a day, not on every poll', async () => {
    const { cache, stream, cursor } = await backfill()
    const later = fakeHttp([listPage([recent])], cache)
    later.ctx.now = () => (NOW_S + DAY) * 1000
    const page = await stream.fetchPage(cursor, later.ctx)
    expect(startOf(later.calls)).toEqual([NOW_S + DAY - 30 * DAY])
    const again = fakeHttp([listPage([recent])], cache)
    again.ctx.now = () => (NOW_S + DAY + 60) * 1000
    await stream.fetchPage(page.cursor, again.ctx)
    expect(startOf(again.calls)).toEqual([RECENT + 1])
  })
})
