import { describe, expect, it } from 'vitest'
import { classifyHubSpotRateLimit } from './rate-policy.ts'

const NOW = Date.parse('2026-11-25T15:30:00.000Z')
const reply = (body: unknown) =>
  new Response(JSON.stringify(body), {
    status: 429,
    headers: { 'content-type': 'application/json' },
  })

describe('classifyHubSpotRateLimit', () => {
  it('parks the account until the next UTC midnight on the DAILY policy', () => {
    const body = JSON.stringify({ status: 'error', policyName: 'DAILY', errorType: 'RATE_LIMIT' })
    expect(classifyHubSpotRateLimit(reply(body), body, NOW)).toEqual({
      kind: 'park',
      policy: 'DAILY',
      untilMs: Date.parse('2026-11-26T00:00:00.000Z'),
    })
  })

  it('waits out the rolling windows and anything it cannot read', () => {
    for (const body of [
      JSON.stringify({ policyName: 'TEN_SECONDLY_ROLLING' }),
      JSON.stringify({ policyName: 'SECONDLY' }),
      'Too many requests',
      '',
    ]) {
      expect(classifyHubSpotRateLimit(reply(body), body, NOW)).toEqual({ kind: 'wait' })
    }
  })
})
