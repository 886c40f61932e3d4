import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createFakeClock } from '../../core/sync/fake-clock.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import {
  nextScheduledRun,
  pause,
  resume,
  setSchedule,
} from '../../apps/worker/tenant/ops-schedule.ts'
import {
  addSchedule,
  dueSchedules,
  earliestRun,
  recordSlice,
  runNow,
} from '../../apps/worker/tenant/scheduler.ts'
import type { Tenant } from '../../apps/worker/tenant/tenant.ts'
import { createTenant } from './http.ts'

const MINUTE = 60_000
const T0 = Date.parse('2026-03-02T09:58:00Z') // a Monday

/**
 * The alarm's due-time logic driven by a fake clock over a real tenant object's SQLite: each
 * "alarm" runs the due connections (a run that ends in one slice) and re-arms as tenant.ts does.
 */
async function inTenant<T>(fn: (sql: Tenant['store']['sql']) => T): Promise<T> {
  const { tenantId } = await createTenant('Schedule')
  return runInDurableObject(tenantStub(env, tenantId), (instance: Tenant) => fn(instance.store.sql))
}

function alarm(sql: Tenant['store']['sql'], now: number): string[] {
  const ran: string[] = []
  for (const due of dueSchedules(sql, now)) {
    ran.push(due.connectionId)
    recordSlice(sql, due.connectionId, {
      atMs: now,
      done: true,
      requests: 1,
      error: null,
      nextRunMs: nextScheduledRun(sql, due.connectionId, due.everyMinutes, now, now),
    })
  }
  return ran
}

/** Steps the clock from alarm to alarm (as the runtime would) and records who ran when. */
function drive(
  sql: Tenant['store']['sql'],
  clock: { now(): number; advance(ms: number): void },
  until: number,
) {
  const log: string[] = []
  for (;;) {
    const next = earliestRun(sql)
    if (next === null || next > until) return log
    if (next > clock.now()) clock.advance(next - clock.now())
    for (const id of alarm(sql, clock.now())) {
      log.push(`${new Date(clock.now()).toISOString().slice(11, 16)} ${id}`)
    }
  }
}

describe('alarm scheduling with an injectable clock', () => {
  it('runs interval and cron connections at their due times, each independently', async () => {
    const log = await inTenant((sql) => {
      const clock = createFakeClock(T0)
      addSchedule(sql, 'every15', 15, T0)
      addSchedule(sql, 'every40', 40, T0)
      addSchedule(sql, 'hourly', 5, T0)
      runNow(sql, 'hourly', setSchedule(sql, 'hourly', { cron: '0 * * * *' }, T0))
      addSchedule(sql, 'weekday9', 5, T0)
      // 09:30 on weekdays; Tuesday 09:30 is the next after Monday 09:58.
      runNow(sql, 'weekday9', setSchedule(sql, 'weekday9', { cron: '30 9 * * 1-5' }, T0))
      return drive(sql, clock, T0 + 24 * 60 * MINUTE)
    })
    const times = (id: string) => log.filter((l) => l.endsWith(` ${id}`)).map((l) => l.slice(0, 5))
    expect(times('every15').slice(0, 5)).toEqual(['09:58', '10:13', '10:28', '10:43', '10:58'])
    // 09:58 through 09:58 the next day, both ends included.
    expect(times('every15')).toHaveLength(97)
    expect(times('every40').slice(0, 3)).toEqual(['09:58', '10:38', '11:18'])
    expect(times('hourly').slice(0, 3)).toEqual(['10:00', '11:00', '12:00'])
    expect(times('hourly')).toHaveLength(24)
    expect(times('weekday9')).toEqual(['09:30'])
  })

  it('a paused connection is never due and does not arm the alarm; resume makes it due again', async () => {
    const result = await inTenant((sql) => {
      const clock = createFakeClock(T0)
      addSchedule(sql, 'a', 10, T0)
      addSchedule(sql, 'b', 10, T0 + 3 * MINUTE)
      pause(sql, 'a', T0)
      const whilePaused = drive(sql, clock, T0 + 25 * MINUTE)
      pause(sql, 'b', clock.now())
      const earliestAllPaused = earliestRun(sql)
      resume(sql, 'a')
      runNow(sql, 'a', clock.now())
      const afterResume = alarm(sql, clock.now())
      return { whilePaused, earliestAllPaused, afterResume }
    })
    expect(result.whilePaused.map((l) => l.slice(6))).toEqual(['b', 'b', 'b'])
    expect(result.earliestAllPaused).toBeNull()
    expect(result.afterResume).toEqual(['a'])
  })

  it('switching back from cron to an interval drops the cron', async () => {
    const next = await inTenant((sql) => {
      addSchedule(sql, 'c', 5, T0)
      setSchedule(sql, 'c', { cron: '0 0 * * *' }, T0)
      const byCron = nextScheduledRun(sql, 'c', 5, T0, T0)
      setSchedule(sql, 'c', { everyMinutes: 30 }, T0)
      const byInterval = nextScheduledRun(sql, 'c', 30, T0, T0)
      return { byCron, byInterval }
    })
    expect(new Date(next.byCron).toISOString()).toBe('2026-03-03T00:00:00.000Z')
    expect(next.byInterval).toBe(T0 + 30 * MINUTE)
  })
})
