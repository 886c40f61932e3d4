import { describe, expect, it } from 'vitest'
import { MapError } from '../../../core/sync/types.ts'
import { metricSet, ticket } from '../fixtures/raw.ts'
import { NOW_S, fakeHttp, testOptions } from '../fixtures/fake-http.ts'
import { ticketsStream } from './tickets.ts'

const options = testOptions

const exportPage = (tickets: unknown[], after: string | null, endOfStream: boolean, sets = []) => ({
  tickets,
  metric_sets: sets,
  after_cursor: after,
  after_url: after ? `https://acme.zendesk.com/x?cursor=${after}` : null,
  before_cursor: null,
  before_url: null,
  end_of_stream: endOfStream,
})

describe('tickets stream', () => {
  it('sends start_time only on the first call, then only the cursor', async () => {
    const stream = ticketsStream(options)
    const { ctx, calls } = fakeHttp([
      exportPage([ticket], 'c1', false),
      exportPage([{ ...ticket, id: 2 }], 'c2', false),
      exportPage([], 'c3', true),
    ])
    let cursor: string | null = null
    const pages = []
    for (;;) {
      const page = await stream.fetchPage(cursor, ctx)
      pages.push(page)
      cursor = page.cursor
      if (page.done) break
    }
    expect(calls).toHaveLength(3)
    expect(calls.map((c) => c.url.pathname)).toEqual(
      Array(3).fill('/api/v2/incremental/tickets/cursor.json'),
    )
    const [first, ...later] = calls.map((c) => c.url.searchParams)
    expect(first?.get('start_time')).toBe('1700000000')
    expect(first?.has('cursor')).toBe(false)
    expect(later.map((p) => p.get('cursor'))).toEqual(['c1', 'c2'])
    for (const params of later) expect(params.has('start_time')).toBe(false)
    for (const params of [first!, ...later]) {
      expect(params.get('per_page')).toBe('1000')
      expect(params.get('include')).toBe('metric_sets')
    }
    for (const call of calls) {
      expect(call.buckets).toEqual(['incremental_export'])
      expect(call.endpoint).toBe('GET /api/v2/incremental/tickets/cursor.json')
      expect(call.headers.authorization).toBe('Bearer t')
    }
    expect(pages.map((p) => p.done)).toEqual([false, false, true])
    // end_of_stream keeps its after_cursor: the next poll resumes there.
    expect(JSON.parse(cursor!)).toEqual({ after_cursor: 'c3' })
    expect(pages[2]?.completeUpTo).toBe((NOW_S - 60) * 1000)
    expect(pages[0]?.completeUpTo).toBe(ticket.generated_timestamp * 1000)
  })

  it('resumes a later poll from the stored cursor without start_time', async () => {
    const { ctx, calls } = fakeHttp([exportPage([], 'c9', true)])
    await ticketsStream(options).fetchPage(JSON.stringify({ after_cursor: 'c3' }), ctx)
    expect(calls[0]?.url.searchParams.get('cursor')).toBe('c3')
    expect(calls[0]?.url.searchParams.has('start_time')).toBe(false)
  })

  it('clamps start_time to at least a minute in the past', async () => {
    const { ctx, calls } = fakeHttp([exportPage([], 'c1', true)])
    await ticketsStream({ ...options, startTime: NOW_S + 3600 }).fetchPage(null, ctx)
    expect(calls[0]?.url.searchParams.get('start_time')).toBe(String(NOW_S - 60))
  })

  it('joins side-loaded metric sets by ticket id and maps deleted tickets', async () => {
    const stream = ticketsStream(options)
    const { ctx } = fakeHttp([
      exportPage([ticket, { ...ticket, id: 7, status: 'deleted' }], 'c1', true, [
        { ...metricSet, ticket_id: 35436 },
      ] as never),
    ])
    const page = await stream.fetchPage(null, ctx)
    expect(page.items.map((i) => stream.idOf(i))).toEqual(['35436', '7'])
    const [withMetrics, deleted] = page.items.map((i) => stream.map(i)[0])
    expect(withMetrics?.kind === 'ticket' && withMetrics.record.reopens).toBe(2)
    expect(deleted?.kind === 'ticket' && deleted.record.status).toBe('deleted')
    expect(deleted?.kind === 'ticket' && deleted.record.reopens).toBe(0)
  })

  it('lets one bad record fail with a MapError while the page still arrives', async () => {
    const stream = ticketsStream(options)
    const { ctx } = fakeHttp([exportPage([ticket, { id: 8, status: 'open' }], 'c1', true)])
    const page = await stream.fetchPage(null, ctx)
    expect(page.items).toHaveLength(2)
    expect(() => stream.map(page.items[1]!)).toThrow(MapError)
    expect(stream.idOf(page.items[1]!)).toBe('8')
  })

  it('fails the page, naming the endpoint, when the envelope is not an export', async () => {
    const { ctx } = fakeHttp([{ error: 'nope' }])
    await expect(ticketsStream(options).fetchPage(null, ctx)).rejects.toThrow(
      /GET \/api\/v2\/incremental\/tickets\/cursor\.json/,
    )
  })

  it('rejects a cursor it did not write', async () => {
    const { ctx } = fakeHttp([])
    await expect(ticketsStream(options).fetchPage('{"page":2}', ctx)).rejects.toThrow(/tickets/)
  })
})
