import { describe, expect, it } from 'vitest'
import { createZendeskConnector } from './index.ts'

const auth = { kind: 'api_token', email: 'a@acme.io', token: 't' } as const

describe('createZendeskConnector', () => {
  it('declares the streams in dependency order and the account and export budgets', () => {
    const connector = createZendeskConnector({ account: 'acme', baseUrl: 'https://x.test', auth })
    expect(connector.source).toBe('zendesk')
    expect(connector.account).toBe('acme')
    expect(connector.streams.map((s) => s.name)).toEqual([
      'organizations',
      'users',
      'tickets',
      'satisfaction_ratings',
      'survey_responses',
    ])
    expect(connector.rateBuckets).toEqual([
      { name: 'account', limit: 700, windowMs: 60_000 },
      { name: 'incremental_export', limit: 10, windowMs: 60_000 },
    ])
  })

  it('takes the plan limits from the config', () => {
    const connector = createZendeskConnector({
      account: 'acme',
      baseUrl: 'https://x.test',
      auth,
      accountRateLimit: 400,
      exportRateLimit: 30,
    })
    expect(connector.rateBuckets.map((b) => b.limit)).toEqual([400, 30])
  })
})
