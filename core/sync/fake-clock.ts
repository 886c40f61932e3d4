import type { Clock } from './rate-budget.ts'

/** A clock for tests: sleeping advances time at once and records the wait. */
export function createFakeClock(start = Date.UTC(2026, 0, 15, 12)): Clock & {
  sleeps: number[]
  advance(ms: number): void
} {
  let now = start
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    advance(ms) {
      now += ms
    },
    async sleep(ms) {
      sleeps.push(ms)
      now += ms
    },
  }
}
