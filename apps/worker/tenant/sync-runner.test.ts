import { describe, expect, it } from 'vitest'
import type { Source } from '../../../core/model/index.ts'
import type { Connection } from '../../../core/store/index.ts'
import { connectorFor } from './sync-runner.ts'

const connection = (source: Source, settings: Record<string, unknown>): Connection => ({
  id: 'con_00000000000000000000',
  source,
  account: '4242',
  baseUrl: 'https://vendor.invalid',
  credentials: null,
  settings,
  createdAt: '2026-01-01T00:00:00.000Z',
})
const limitsOf = (c: Connection, auth: object) =>
  Object.fromEntries(connectorFor(c, auth as never).rateBuckets.map((b) => [b.name, b.limit]))

describe('connectorFor', () => {
  it('budgets a HubSpot portal at its stored limits, the defaults otherwise', () => {
    const auth = { kind: 'private_app', token: 'pat' }
    const limited = connection('hubspot', {
      authKind: 'private_app',
      limits: { tenSecondly: 100, daily: 250_000 },
    })
    expect(limitsOf(limited, auth)).toEqual({ account: 100, daily: 250_000, search: 5 })
    expect(limitsOf(connection('hubspot', {}), auth)).toEqual({
      account: 190,
      daily: 1_000_000,
      search: 5,
    })
  })

  it('budgets a Zendesk account at its plan', () => {
    const auth = { kind: 'oauth', accessToken: 'x' }
    const plan = connection('zendesk', { limits: { accountPerMinute: 200 } })
    expect(limitsOf(plan, auth)).toEqual({ account: 200, incremental_export: 10 })
  })
})
