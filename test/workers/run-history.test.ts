import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { StreamStatus } from '../../core/store/index.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import {
  currentRunId,
  getRun,
  listRuns,
  openRunRecord,
  recordRunSlice,
  RUN_HISTORY_LIMIT,
} from '../../apps/worker/tenant/runs.ts'
import type { Tenant } from '../../apps/worker/tenant/tenant.ts'
import { createTenant } from './http.ts'

const T0 = Date.parse('2026-05-01T00:00:00Z')

const state = (
  stream: string,
  patch: Partial<StreamStatus> & { doneRun?: number | null },
): StreamStatus => ({
  connectionId: 'con_x',
  stream,
  cursor: null,
  status: 'running',
  caughtUp: false,
  lastSuccessAt: null,
  lagSeconds: null,
  counts: { fetched: 0, written: 0, stale: 0, quarantined: 0, deleted: 0 },
  requests: 0,
  lastError: null,
  retryAt: null,
  doneRun: null,
  ...patch,
})

const metrics = (
  streams: Record<string, { records: number; pages: number; requests: number }>,
) => ({
  streams,
  rateLimited: 1,
  waitedMs: 250,
})

async function inTenant<T>(fn: (instance: Tenant) => T): Promise<T> {
  const { tenantId } = await createTenant('History')
  return runInDurableObject(tenantStub(env, tenantId), fn)
}

describe('run history', () => {
  it('adds up slices, estimates progress and ETA from the lag, and ends partial on a failed stream', async () => {
    const { live, ended } = await inTenant((instance) => {
      const { store } = instance
      const { sql } = store
      const { runId } = openRunRecord(sql, store, 'con_x', 'schedule', T0)
      const one = { records: 100, pages: 1, requests: 1 }
      recordRunSlice(sql, runId, {
        done: false,
        requests: 2,
        errors: [],
        metrics: metrics({ tickets: one, users: one }),
        states: [state('tickets', { lagSeconds: 1000 }), state('users', { lagSeconds: 400 })],
        nowMs: T0,
      })
      // 100 s later tickets caught up 500 s of lag (600 s of vendor time in 100 s: 6× real time).
      recordRunSlice(sql, runId, {
        done: false,
        requests: 1,
        errors: [],
        metrics: metrics({ tickets: one }),
        states: [state('tickets', { lagSeconds: 500 }), state('users', { lagSeconds: 400 })],
        nowMs: T0 + 100_000,
      })
      const live = getRun(sql, runId)!
      recordRunSlice(sql, runId, {
        done: true,
        requests: 1,
        errors: ['users: HttpError: 500'],
        metrics: metrics({ users: one }),
        states: [
          state('tickets', { doneRun: runId, status: 'idle', lagSeconds: 30 }),
          state('users', {
            doneRun: runId,
            status: 'failed',
            lastError: { at: '', message: 'users: HttpError: 500' },
          }),
        ],
        nowMs: T0 + 200_000,
      })
      store.finishRun(runId)
      return { live, ended: getRun(sql, runId)! }
    })
    const tickets = live.streams.find((s) => s.stream === 'tickets')!
    expect(tickets).toMatchObject({ records: 200, pages: 2, progress: 0.5, etaSeconds: 100 })
    // users has not moved since its first reading: no rate, no ETA, so no run ETA either.
    expect(live.streams.find((s) => s.stream === 'users')!.etaSeconds).toBeNull()
    expect(live).toMatchObject({ outcome: 'running', slices: 2, requests: 3, rateLimited: 2 })
    expect(live.etaSeconds).toBeNull()
    expect(ended).toMatchObject({
      outcome: 'partial',
      slices: 3,
      requests: 4,
      rateLimited: 3,
      waitedMs: 750,
      endedAt: new Date(T0 + 200_000).toISOString(),
      errors: ['users: HttpError: 500'],
    })
    expect(ended.streams.find((s) => s.stream === 'users')!.error).toBe('users: HttpError: 500')
  })

  it(`keeps the last ${RUN_HISTORY_LIMIT} runs of a connection`, async () => {
    const { kept, oldest, other } = await inTenant((instance) => {
      const { store } = instance
      const { sql } = store
      openRunRecord(sql, store, 'con_other', 'manual', T0)
      for (let i = 0; i < RUN_HISTORY_LIMIT + 7; i++) {
        const { runId } = openRunRecord(sql, store, 'con_x', 'schedule', T0 + i)
        recordRunSlice(sql, runId, {
          done: true,
          requests: 1,
          errors: [],
          metrics: metrics({}),
          states: [state('tickets', { doneRun: runId, status: 'idle' })],
          nowMs: T0 + i,
        })
        store.finishRun(runId)
      }
      const runs = listRuns(sql, 'con_x', 1000)
      return {
        kept: runs.length,
        oldest: runs.at(-1)!.startedAt,
        other: currentRunId(sql, 'con_other'),
      }
    })
    expect(kept).toBe(RUN_HISTORY_LIMIT)
    expect(oldest).toBe(new Date(T0 + 7).toISOString())
    expect(other).not.toBeNull()
  })
})
