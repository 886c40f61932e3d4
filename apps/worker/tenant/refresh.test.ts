import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { tenantStub } from './client.ts'
import { addSchedule, getSchedule } from './scheduler.ts'
import type { Tenant } from './tenant.ts'
import { pendingRefresh, REFRESH_TIMING, refreshCounts, requestRefresh } from './refresh.ts'

const zendesk = REFRESH_TIMING.zendesk
const T0 = 1_800_000_000_000

describe('requestRefresh', () => {
  it('arms one refresh a window after the change is visible, coalesces what it covers, throttles floods', async () => {
    // A fresh object (never initialised as a tenant) is enough for its tables.
    const stub = tenantStub(env, `t${'r'.repeat(20)}`)
    await runInDurableObject(stub, (instance: Tenant) => {
      const { sql } = instance.store
      addSchedule(sql, 'con_a', 5, T0 + 300_000)
      expect(requestRefresh(sql, 'con_b', T0, zendesk)).toBe('no_connection')

      const first = T0 + zendesk.visibleAfterMs + zendesk.windowMs
      expect(requestRefresh(sql, 'con_a', T0, zendesk)).toBe('armed')
      expect(getSchedule(sql, 'con_a')!.nextRunMs).toBe(first)
      // Changes until the refresh's visibility horizon ride along.
      expect(requestRefresh(sql, 'con_a', T0 + zendesk.windowMs, zendesk)).toBe('coalesced')
      // One later than that needs the next refresh, a window after the first.
      expect(requestRefresh(sql, 'con_a', T0 + zendesk.windowMs + 1, zendesk)).toBe('armed')
      const second = T0 + zendesk.windowMs + 1 + zendesk.visibleAfterMs + zendesk.windowMs
      // The schedule only moves earlier: the first refresh still runs, the second stays pending.
      expect(getSchedule(sql, 'con_a')!.nextRunMs).toBe(first)
      expect(pendingRefresh(sql, 'con_a', first)).toBe(second)
      expect(pendingRefresh(sql, 'con_a', second)).toBeNull()
      expect(refreshCounts(sql, 'con_a')).toMatchObject({ armed: 2, coalesced: 1 })
    })
  })
})
