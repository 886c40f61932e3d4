import { describe, expect, it } from 'vitest'
import {
  derivePause,
  LOOKUP_ACTIVE_MS,
  MIN_REST_MS,
  noteLookup,
  REST_FACTOR,
} from './derive-pace.ts'

describe('derivePause', () => {
  const setup = () => {
    const tenant = {}
    let t = 1_000_000
    const slept: number[] = []
    const pause = derivePause(
      tenant,
      () => t,
      async (ms) => {
        slept.push(ms)
      },
    )
    return { tenant, pause, slept, at: (ms: number) => (t = ms) }
  }

  it('only yields when nobody is looking', async () => {
    const { pause, slept } = setup()
    expect(await pause(30)).toBe(0)
    expect(slept).toEqual([0])
  })

  it('rests REST_FACTOR times as long as the batch took while lookups come in, then stops resting', async () => {
    const { tenant, pause, slept, at } = setup()
    noteLookup(tenant, 1_000_000)
    expect(await pause(12.4)).toBe(Math.ceil(REST_FACTOR * 12.4))
    await pause(1)
    at(1_000_000 + LOOKUP_ACTIVE_MS - 1)
    await pause(7)
    at(1_000_000 + LOOKUP_ACTIVE_MS)
    await pause(7)
    expect(slept).toEqual([Math.ceil(REST_FACTOR * 12.4), MIN_REST_MS, REST_FACTOR * 7, 0])
  })

  it("keeps tenants apart: one tenant's lookups never slow another's derive", async () => {
    const { pause, slept } = setup()
    noteLookup({}, 1_000_000)
    await pause(20)
    expect(slept).toEqual([0])
  })
})
