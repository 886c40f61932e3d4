import { describe, expect, it } from 'vitest'
import type { ConnectorCache } from '../../../core/sync/types.ts'
import { createHubSpotSandbox } from '../sandbox/app.ts'
import { DEFAULT_AS_OF } from '../sandbox/generate.ts'
import { createAppHttpClient, createFakeClock } from '../testing.ts'
import { STAGES_MAX_AGE_MS, createStageCache, stageKey } from './pipelines.ts'

const target = {
  baseUrl: 'https://api.hubapi.test',
  auth: { kind: 'private_app' as const, token: 'sandbox-token' },
}

function setup() {
  const clock = createFakeClock(DEFAULT_AS_OF + 86_400_000)
  const sandbox = createHubSpotSandbox({ now: clock.now })
  const client = createAppHttpClient(sandbox.app)
  const stored = new Map<string, string>()
  const cache: ConnectorCache = {
    get: (key) => stored.get(key) ?? null,
    set: (key, value) => void stored.set(key, value),
  }
  const ctx = { http: client.http, now: clock.now, cache }
  const reads = () => client.stats().byEndpoint['GET /crm/v3/pipelines/tickets'] ?? 0
  return { clock, ctx, reads }
}

describe('ticket stages kept in the connection cache', () => {
  it('reads the pipelines once across runs, again for an unknown stage or after a day', async () => {
    const { clock, ctx, reads } = setup()
    const known = stageKey('0', '1')
    const first = await createStageCache(target).get(ctx, [known])
    expect(first.get(known)?.label).toBe('New')
    expect(reads()).toBe(1)

    // A later run (a new connector instance) finds them in the store's cache.
    const nextRun = createStageCache(target)
    expect((await nextRun.get(ctx, [known])).get(known)?.label).toBe('New')
    expect(reads()).toBe(1)

    // A stage the cache does not know: read once, not again for the same missing stage.
    const unknown = stageKey('0', '999')
    await nextRun.get(ctx, [unknown])
    await createStageCache(target).get(ctx, [unknown, known])
    expect(reads()).toBe(2)

    clock.advance(STAGES_MAX_AGE_MS + 1)
    await createStageCache(target).get(ctx, [known])
    expect(reads()).toBe(3)
  })
})
