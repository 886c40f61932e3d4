import { describe, expect, it } from 'vitest'
import { MapError } from '../../../core/sync/types.ts'
import { user } from '../fixtures/raw.ts'
import { fakeHttp, testOptions } from '../fixtures/fake-http.ts'
import { usersStream } from './users.ts'

const page = (users: unknown[], after: string | null, end: boolean) => ({
  users,
  after_cursor: after,
  end_of_stream: end,
})

describe('users stream', () => {
  it('walks the cursor export: start_time first, then only the cursor', async () => {
    const stream = usersStream(testOptions)
    const { ctx, calls } = fakeHttp([page([user], 'u1', false), page([], 'u2', true)])
    const first = await stream.fetchPage(null, ctx)
    const second = await stream.fetchPage(first.cursor, ctx)
    expect(calls.map((c) => c.url.pathname)).toEqual([
      '/api/v2/incremental/users/cursor.json',
      '/api/v2/incremental/users/cursor.json',
    ])
    expect(calls[0]?.url.searchParams.get('start_time')).toBe('1700000000')
    expect(calls[1]?.url.searchParams.get('cursor')).toBe('u1')
    expect(calls[1]?.url.searchParams.has('start_time')).toBe(false)
    expect(calls.every((c) => c.buckets.includes('incremental_export'))).toBe(true)
    expect([first.done, second.done]).toEqual([false, true])
    expect(JSON.parse(second.cursor)).toEqual({ after_cursor: 'u2' })
  })

  it('keeps the start_time cursor when Zendesk hands out no cursor yet', async () => {
    const { ctx } = fakeHttp([page([], null, true)])
    const result = await usersStream(testOptions).fetchPage(null, ctx)
    expect(JSON.parse(result.cursor)).toEqual({ start_time: 1_700_000_000 })
  })

  it('maps users and quarantines a user without a role', async () => {
    const stream = usersStream(testOptions)
    const { ctx } = fakeHttp([page([user, { ...user, id: 9, role: undefined }], 'u1', true)])
    const result = await stream.fetchPage(null, ctx)
    expect(stream.map(result.items[0])[0]?.kind).toBe('person')
    expect(() => stream.map(result.items[1])).toThrow(MapError)
    expect(stream.idOf(result.items[1])).toBe('9')
  })
})
