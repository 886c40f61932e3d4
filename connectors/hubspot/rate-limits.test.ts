import { describe, expect, it } from 'vitest'
import { RateLimitedError, TransientHttpError } from '../../core/sync/errors.ts'
import { createHttpClient } from '../../core/sync/http.ts'
import { createHubSpotConnector } from './connector.ts'
import { type HubSpotSandboxOptions, createHubSpotSandbox } from './sandbox/app.ts'
import { DEFAULT_AS_OF } from './sandbox/generate.ts'

const BASE = 'https://api.hubapi.test'

function setup(limits: HubSpotSandboxOptions['limits'], retries: number) {
  let now = DEFAULT_AS_OF + 86_400_000
  const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) }
  const sandbox = createHubSpotSandbox({ now: clock.now, limits })
  const connector = createHubSpotConnector({
    account: sandbox.portalId,
    baseUrl: BASE,
    auth: { kind: 'oauth', accessToken: 'sandbox-token' },
  })
  // No client-side budget: the sandbox's limits are what this test exercises.
  const http = createHttpClient({
    fetch: (url, init) => Promise.resolve(sandbox.app.request(String(url), init)),
    clock,
    retries,
    random: () => 1,
    classifyRateLimit: connector.classifyRateLimit,
  })
  const companies = connector.streams.find((s) => s.name === 'companies')!
  return { sandbox, http, clock, companies }
}

describe('HubSpot 429s through the engine client', () => {
  it('a 429 without Retry-After surfaces as a retryable TransientHttpError', async () => {
    const { http, clock, companies } = setup({ tenSecondly: 1, retryAfter: 'never' }, 0)
    await companies.fetchPage(null, { http, now: clock.now })
    const error = await companies.fetchPage(null, { http, now: clock.now }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransientHttpError)
    expect(error).toMatchObject({ status: 429, retryAfterMs: null })
    expect((error as Error).message).toContain('TEN_SECONDLY_ROLLING')
  })

  it('with retries left, backing off past the window succeeds', async () => {
    const { http, clock, companies, sandbox } = setup({ tenSecondly: 1, retryAfter: 'never' }, 6)
    await companies.fetchPage(null, { http, now: clock.now })
    const page = await companies.fetchPage(null, { http, now: clock.now })
    expect(page.items.length).toBe(30)
    expect(sandbox.counters.rejected).toBeGreaterThan(0)
  })

  it('the DAILY policy parks the account instead of retrying', async () => {
    const { http, clock, companies } = setup({ daily: 1, retryAfter: 'never' }, 6)
    await companies.fetchPage(null, { http, now: clock.now })
    await expect(companies.fetchPage(null, { http, now: clock.now })).rejects.toBeInstanceOf(
      RateLimitedError,
    )
  })

  it('declares the account, daily and search buckets', () => {
    const { connector } = {
      connector: createHubSpotConnector({
        account: '1',
        baseUrl: BASE,
        auth: { kind: 'private_app', token: 't' },
        limits: { tenSecondly: 100, daily: 250_000 },
      }),
    }
    expect(connector.rateBuckets).toEqual([
      { name: 'account', limit: 100, windowMs: 10_000 },
      { name: 'daily', limit: 250_000, windowMs: 86_400_000 },
      { name: 'search', limit: 5, windowMs: 1_000 },
    ])
  })
})
