import { describe, expect, it } from 'vitest'
import { satisfactionRating } from '../fixtures/raw.ts'
import { NOW_S, fakeHttp, testOptions } from '../fixtures/fake-http.ts'
import { satisfactionRatingsStream } from './satisfaction-ratings.ts'

const page = (ratings: unknown[], after: string | null) => ({
  satisfaction_ratings: ratings,
  meta: { has_more: after !== null, after_cursor: after, before_cursor: null },
  links: { next: null, prev: null },
})

describe('satisfaction_ratings stream', () => {
  it('pages with page[after] under a fixed start_time, then moves the watermark', async () => {
    // No blind window: the connector-wide lookback is for survey responses.
    const stream = satisfactionRatingsStream({ ...testOptions, lookbackSeconds: 3600 })
    const { ctx, calls } = fakeHttp([
      page([satisfactionRating], 'r1'),
      page([{ ...satisfactionRating, id: 2, created_at: '2024-05-01T00:00:00Z' }], null),
      page([], null),
    ])
    const first = await stream.fetchPage(null, ctx)
    const second = await stream.fetchPage(first.cursor, ctx)
    const third = await stream.fetchPage(second.cursor, ctx)
    const params = calls.map((c) => c.url.searchParams)
    expect(calls[0]?.url.pathname).toBe('/api/v2/satisfaction_ratings.json')
    expect(params.map((p) => p.get('start_time'))).toEqual([
      '1700000000',
      '1700000000',
      // After the newest second read: it ended long before the walk began.
      String(Date.parse('2024-05-01T00:00:00Z') / 1000 + 1),
    ])
    expect(params.map((p) => p.get('page[after]'))).toEqual([null, 'r1', null])
    expect(params.every((p) => p.get('page[size]') === '100')).toBe(true)
    expect(params.every((p) => p.get('score') === 'received')).toBe(true)
    expect(calls.every((c) => !c.buckets.includes('incremental_export'))).toBe(true)
    expect([first.done, second.done, third.done]).toEqual([false, true, true])
    expect(second.completeUpTo).toBe(NOW_S * 1000)
  })

  it('never moves the watermark backwards', async () => {
    const { ctx } = fakeHttp([page([], null)])
    const cursor = JSON.stringify({
      start_time: 1_800_000_000,
      after: null,
      newest: 0,
      walk_started: 0,
    })
    const result = await satisfactionRatingsStream(testOptions).fetchPage(cursor, ctx)
    expect(JSON.parse(result.cursor).start_time).toBe(1_800_000_000)
  })

  it('maps good/bad and emits nothing for offered ratings', async () => {
    const stream = satisfactionRatingsStream(testOptions)
    const { ctx } = fakeHttp([
      page([satisfactionRating, { ...satisfactionRating, score: 'offered' }], null),
    ])
    const result = await stream.fetchPage(null, ctx)
    expect(stream.map(result.items[0])).toHaveLength(1)
    expect(stream.map(result.items[1])).toEqual([])
  })

  it('fails when has_more comes without a way to the next page', async () => {
    const { ctx } = fakeHttp([{ satisfaction_ratings: [], meta: { has_more: true } }])
    await expect(satisfactionRatingsStream(testOptions).fetchPage(null, ctx)).rejects.toThrow(
      /has_more/,
    )
  })
})
