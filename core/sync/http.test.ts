import { describe, expect, it } from 'vitest'
import { HttpError, RateLimitedError } from './errors.ts'
import { createFakeClock } from './fake-clock.ts'
import { createHttpClient } from './http.ts'
import { createRateBudget } from './rate-budget.ts'
import type { RateLimitVerdict } from './types.ts'

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'network'

function scriptedFetch(replies: Reply[]) {
  const calls: { url: string; headers: Headers }[] = []
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, headers: new Headers(init.headers) })
    const reply = replies.shift() ?? { status: 200, body: { ok: true } }
    if (reply === 'network') throw new TypeError('fetch failed')
    return new Response(JSON.stringify(reply.body ?? {}), {
      status: reply.status,
      headers: reply.headers,
    })
  }) as typeof globalThis.fetch
  return { fetch, calls }
}

const endpoint = 'GET /api/v2/things'

describe('createHttpClient', () => {
  it('sends auth headers and returns parsed JSON, counting per endpoint', async () => {
    const clock = createFakeClock()
    const { fetch, calls } = scriptedFetch([{ status: 200, body: { items: [1, 2] } }])
    const http = createHttpClient({ fetch, clock, headers: { authorization: 'Bearer t' } })
    await expect(http.json('https://x.test/things', { endpoint })).resolves.toEqual({
      items: [1, 2],
    })
    expect(calls[0]?.headers.get('authorization')).toBe('Bearer t')
    expect(http.stats()).toEqual({ total: 1, byEndpoint: { [endpoint]: 1 } })
  })

  it('obeys Retry-After through a 429 storm (seconds and HTTP date)', async () => {
    const clock = createFakeClock()
    const at = new Date(clock.now() + 7000 + 5000 + 12_000).toUTCString()
    const { fetch, calls } = scriptedFetch([
      { status: 429, headers: { 'retry-after': '7' } },
      { status: 429, headers: { 'retry-after': '5' } },
      { status: 429, headers: { 'retry-after': at } },
      { status: 200, body: { ok: 1 } },
    ])
    const http = createHttpClient({ fetch, clock, random: () => 0.5 })
    await expect(http.json('https://x.test', { endpoint })).resolves.toEqual({ ok: 1 })
    expect(calls).toHaveLength(4)
    expect(clock.sleeps).toEqual([7000, 5000, 12_000])
  })

  it('retries 5xx bursts and network errors with growing backoff', async () => {
    const clock = createFakeClock()
    const { fetch, calls } = scriptedFetch([
      { status: 502 },
      'network',
      { status: 503 },
      { status: 200, body: 'done' },
    ])
    const http = createHttpClient({ fetch, clock, random: () => 1, backoffMs: 100 })
    await expect(http.json('https://x.test', { endpoint })).resolves.toBe('done')
    expect(calls).toHaveLength(4)
    expect(clock.sleeps).toEqual([100, 200, 400])
  })

  it('gives up after the retries with an HttpError naming the endpoint', async () => {
    const clock = createFakeClock()
    const { fetch, calls } = scriptedFetch(Array(10).fill({ status: 500 }))
    const http = createHttpClient({ fetch, clock, retries: 2 })
    const error = await http.json('https://x.test', { endpoint }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpError)
    expect((error as HttpError).status).toBe(500)
    expect(calls).toHaveLength(3)
  })

  it('does not retry a 4xx and keeps personal data out of the error', async () => {
    const clock = createFakeClock()
    const { fetch, calls } = scriptedFetch([
      { status: 422, body: { error: 'RecordInvalid', description: 'jane@example.com is taken' } },
    ])
    const http = createHttpClient({ fetch, clock })
    const error = (await http.json('https://x.test', { endpoint }).catch((e) => e)) as HttpError
    expect(error).toBeInstanceOf(HttpError)
    expect(error.status).toBe(422)
    expect(error.endpoint).toBe(endpoint)
    expect(error.message).toContain('RecordInvalid')
    expect(error.message).not.toContain('jane@')
    expect(calls).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
  })

  it('parks the account at once when the connector classifies a 429 so, sharing the pause', async () => {
    const clock = createFakeClock()
    const { fetch, calls } = scriptedFetch([
      { status: 429, body: { policyName: 'DAILY', errorType: 'RATE_LIMIT' } },
    ])
    const budget = createRateBudget([], clock)
    const midnight = new Date(clock.now())
    midnight.setUTCHours(24, 0, 0, 0)
    const seen: string[] = []
    const classifyRateLimit = (_response: Response, body: string): RateLimitVerdict => {
      seen.push(body)
      return JSON.parse(body).policyName === 'DAILY'
        ? { kind: 'park', policy: 'DAILY', untilMs: midnight.getTime() }
        : { kind: 'wait' }
    }
    const http = createHttpClient({ fetch, clock, budget, classifyRateLimit })
    const error = (await http
      .json('https://x.test', { endpoint })
      .catch((e) => e)) as RateLimitedError
    expect(error).toBeInstanceOf(RateLimitedError)
    expect(error.policy).toBe('DAILY')
    expect(error.retryAt).toBe(midnight.getTime())
    expect(seen).toEqual([JSON.stringify({ policyName: 'DAILY', errorType: 'RATE_LIMIT' })])
    expect(calls).toHaveLength(1)
    // Another caller of the same account does not hit the vendor before the window ends.
    const other = createHttpClient({ fetch, clock, budget })
    await expect(
      other.json('https://x.test', { endpoint, deadline: clock.now() + 60_000 }),
    ).rejects.toBeInstanceOf(RateLimitedError)
    expect(calls).toHaveLength(1)
  })

  it('a parked 429 with Retry-After parks until then instead', async () => {
    const clock = createFakeClock()
    const { fetch } = scriptedFetch([{ status: 429, body: {}, headers: { 'retry-after': '120' } }])
    const http = createHttpClient({
      fetch,
      clock,
      classifyRateLimit: () => ({ kind: 'park', policy: 'CAP', untilMs: clock.now() + 86_400_000 }),
    })
    const error = (await http
      .json('https://x.test', { endpoint })
      .catch((e) => e)) as RateLimitedError
    expect(error).toBeInstanceOf(RateLimitedError)
    expect(error.retryAt).toBe(clock.now() + 120_000)
  })

  it('knows no vendor policy itself: without a classifier every 429 is waited out', async () => {
    const clock = createFakeClock()
    const { fetch, calls } = scriptedFetch([{ status: 429, body: { policyName: 'DAILY' } }])
    const http = createHttpClient({ fetch, clock, random: () => 1, backoffMs: 1000 })
    await expect(http.json('https://x.test', { endpoint })).resolves.toEqual({ ok: true })
    expect(calls).toHaveLength(2)
  })

  it('backs off on a 429 without Retry-After', async () => {
    const clock = createFakeClock()
    const { fetch, calls } = scriptedFetch([
      { status: 429, body: { policyName: 'TEN_SECONDLY_ROLLING' } },
    ])
    const http = createHttpClient({ fetch, clock, random: () => 1, backoffMs: 1000 })
    await expect(http.json('https://x.test', { endpoint })).resolves.toEqual({ ok: true })
    expect(calls).toHaveLength(2)
    expect(clock.sleeps).toEqual([1000])
  })

  it('throws RateLimitedError instead of waiting past the deadline', async () => {
    const clock = createFakeClock()
    const { fetch } = scriptedFetch([{ status: 429, headers: { 'retry-after': '30' } }])
    const http = createHttpClient({ fetch, clock })
    const error = await http
      .json('https://x.test', { endpoint, deadline: clock.now() + 10_000 })
      .catch((e) => e)
    expect(error).toBeInstanceOf(RateLimitedError)
    expect((error as RateLimitedError).retryAt).toBe(clock.now() + 30_000)
    expect(clock.sleeps).toEqual([])
  })

  it('stops when the signal aborts', async () => {
    const clock = createFakeClock()
    const controller = new AbortController()
    controller.abort(new Error('slice over'))
    const { fetch, calls } = scriptedFetch([])
    const http = createHttpClient({ fetch, clock })
    await expect(
      http.json('https://x.test', { endpoint, signal: controller.signal }),
    ).rejects.toThrow('slice over')
    expect(calls).toHaveLength(0)
  })
})

describe('createRateBudget', () => {
  it('waits for the window when a bucket is exhausted, shared by every client', async () => {
    const clock = createFakeClock()
    const budget = createRateBudget(
      [
        { name: 'account', limit: 3, windowMs: 60_000 },
        { name: 'export', limit: 2, windowMs: 60_000 },
      ],
      clock,
    )
    const a = createHttpClient({ fetch: scriptedFetch([]).fetch, clock, budget })
    const b = createHttpClient({ fetch: scriptedFetch([]).fetch, clock, budget })
    await a.json('https://x.test', { endpoint, buckets: ['export'] })
    clock.advance(1000)
    await b.json('https://x.test', { endpoint, buckets: ['export'] })
    expect(clock.sleeps).toEqual([])
    await a.json('https://x.test', { endpoint, buckets: ['export'] })
    // The export bucket is full: wait until the first request leaves the sliding window.
    expect(clock.sleeps).toEqual([59_000])
    // The account bucket holds the requests at 1 s and 60 s: one more fits, the next waits 1 s.
    await b.json('https://x.test', { endpoint })
    expect(clock.sleeps).toEqual([59_000])
    await b.json('https://x.test', { endpoint })
    expect(clock.sleeps).toEqual([59_000, 1000])
  })

  it('counts huge windows in fixed windows and refuses waits past the deadline', async () => {
    const clock = createFakeClock()
    const budget = createRateBudget([{ name: 'daily', limit: 10_000, windowMs: 86_400_000 }], clock)
    for (let i = 0; i < 10_000; i++) await budget.acquire(['daily'], { endpoint })
    expect(budget.usage()).toEqual({ daily: 10_000 })
    await expect(
      budget.acquire(['daily'], { endpoint, deadline: clock.now() + 1000 }),
    ).rejects.toBeInstanceOf(RateLimitedError)
  })
})
