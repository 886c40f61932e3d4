import { describe, expect, it } from 'vitest'
import type { TenantStore } from '../../../core/store/index.ts'
import type { Connector } from '../../../core/sync/types.ts'
import { createWorld, openStore, syncAll, syncSlice, type Tool, type World } from './harness.ts'
import { historyIn, membersByCustomer, viewOf } from './store-reads.ts'

/** What must not depend on arrival order: ids, members, customer bodies, what each view holds. */
function outcome(store: TenantStore) {
  const members = membersByCustomer(store)
  return [...members].map(([id, keys]) => {
    const { ticketTotal, nps, csat, ces, openTickets } = historyIn(viewOf(store, id))
    return { id, keys, customer: store.getCustomer(id), ticketTotal, nps, csat, ces, openTickets }
  })
}

/** A small seeded shuffle (mulberry32), so a failure replays. */
function shuffler(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return <T>(items: T[]): T[] => {
    const out = [...items]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      ;[out[i], out[j]] = [out[j]!, out[i]!]
    }
    return out
  }
}

/** The same connector with its streams in reverse order and every page's items shuffled. */
function scrambled(connector: Connector, seed: number): Connector {
  const shuffle = shuffler(seed)
  return {
    ...connector,
    streams: [...connector.streams].reverse().map((stream) => ({
      ...stream,
      fetchPage: async (cursor, ctx) => {
        const page = await stream.fetchPage(cursor, ctx)
        return { ...page, items: shuffle(page.items) }
      },
    })),
  }
}

/** Slices of both tools taken turn about, a few requests each, until both runs end. */
async function interleaved(world: World, store: TenantStore) {
  const done = new Set<Tool>()
  for (let i = 0; i < 2000 && done.size < 2; i++) {
    const tool: Tool = i % 2 === 0 ? 'hubspot' : 'zendesk'
    if (done.has(tool)) continue
    if ((await syncSlice(world, store, tool, 3)).done) done.add(tool)
  }
  expect(done.size).toBe(2)
}

describe('identity does not depend on arrival order', () => {
  it('gives the same customers, ids and views whatever order the tools, streams and items come in', async () => {
    const reference = createWorld()
    const referenceStore = openStore(reference)
    await syncAll(reference, referenceStore, ['zendesk', 'hubspot'])
    const expected = outcome(referenceStore)
    expect(expected.length).toBeGreaterThan(30)

    const hubspotFirst = createWorld()
    const hubspotFirstStore = openStore(hubspotFirst)
    await syncAll(hubspotFirst, hubspotFirstStore, ['hubspot', 'zendesk'])
    expect(outcome(hubspotFirstStore)).toEqual(expected)

    const mixed = createWorld()
    mixed.connectors.zendesk = scrambled(mixed.connectors.zendesk, 1)
    mixed.connectors.hubspot = scrambled(mixed.connectors.hubspot, 2)
    const mixedStore = openStore(mixed)
    await interleaved(mixed, mixedStore)
    expect(outcome(mixedStore)).toEqual(expected)
    expect(mixedStore.countRecords()).toBe(referenceStore.countRecords())
    expect(mixedStore.pendingDerive()).toEqual([])
  }, 60_000)
})
