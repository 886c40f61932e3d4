import { describe, expect, it } from 'vitest'
import { organization } from '../fixtures/raw.ts'
import { NOW_S, fakeHttp, testOptions } from '../fixtures/fake-http.ts'
import { organizationsStream } from './organizations.ts'

const page = (organizations: unknown[], endTime: number, end: boolean) => ({
  organizations,
  count: organizations.length,
  end_time: endTime,
  end_of_stream: end,
  next_page: `https://acme.zendesk.com/api/v2/incremental/organizations.json?start_time=${endTime}`,
})

describe('organizations stream', () => {
  it('follows end_time as the next start_time until end_of_stream', async () => {
    const stream = organizationsStream(testOptions)
    const { ctx, calls } = fakeHttp([
      page([organization], 1_700_000_500, false),
      page([{ ...organization, deleted_at: '2024-01-01T00:00:00Z' }], 1_700_000_900, true),
    ])
    const first = await stream.fetchPage(null, ctx)
    const second = await stream.fetchPage(first.cursor, ctx)
    expect(calls.map((c) => c.url.pathname)).toEqual([
      '/api/v2/incremental/organizations.json',
      '/api/v2/incremental/organizations.json',
    ])
    expect(calls.map((c) => c.url.searchParams.get('start_time'))).toEqual([
      '1700000000',
      '1700000500',
    ])
    expect(calls.every((c) => c.buckets.includes('incremental_export'))).toBe(true)
    expect([first.done, second.done]).toEqual([false, true])
    expect(JSON.parse(second.cursor)).toEqual({ start_time: 1_700_000_900 })
    expect(first.completeUpTo).toBe(1_700_000_500_000)
    expect(second.completeUpTo).toBe((NOW_S - 60) * 1000)
    const deleted = stream.map(second.items[0])[0]
    expect(deleted?.kind === 'organisation' && deleted.record.deleted).toBe(true)
  })

  it('clamps a start_time in the last minute', async () => {
    const { ctx, calls } = fakeHttp([page([], NOW_S - 60, true)])
    await organizationsStream(testOptions).fetchPage(JSON.stringify({ start_time: NOW_S }), ctx)
    expect(calls[0]?.url.searchParams.get('start_time')).toBe(String(NOW_S - 60))
  })

  it('fails instead of looping when end_time does not advance', async () => {
    const { ctx } = fakeHttp([page([organization], 1_700_000_000, false)])
    await expect(organizationsStream(testOptions).fetchPage(null, ctx)).rejects.toThrow(/end_time/)
  })
})
