import { TenantStore } from '../store/index.ts'
import { openNodeSqlite } from '../store/node-sqlite.ts'
import { person, ticket } from '../store/records.fixtures.ts'
import type { UnifiedRecord } from '../model/index.ts'
import { createHttpClient } from './http.ts'
import type { Clock, RateBudget } from './rate-budget.ts'
import { nextUtcMidnight } from './retry-after.ts'
import { MapError, type Connector, type RateLimitVerdict, type StreamDefinition } from './types.ts'

/**
 * A small in-memory vendor for engine tests: each stream is an export log read in pages by offset
 * cursors, with repeated and out-of-order versions, deletions and malformed items, served over a
 * fake `fetch` (so the real HTTP client, retries and budget are in the path).
 */
export interface FakeItem {
  id: number
  /** Version: the record's updatedAt minute. */
  v: number
  requester?: number
  deleted?: boolean
  /** `map`: the mapper throws MapError; `schema`: the mapper emits an invalid record. */
  bad?: 'map' | 'schema'
}

export type Fault = { status: number; headers?: Record<string, string>; body?: unknown }

export class FakeVendor {
  readonly logs: Record<'users' | 'tickets', FakeItem[]> = { users: [], tickets: [] }
  readonly pageSize: number
  /** Served in order before normal answers. */
  readonly faults: Fault[] = []
  requests = 0
  private readonly clock: Clock & { advance(ms: number): void }
  private readonly msPerRequest: number

  constructor(clock: Clock & { advance(ms: number): void }, pageSize = 3, msPerRequest = 0) {
    this.clock = clock
    this.pageSize = pageSize
    this.msPerRequest = msPerRequest
  }

  readonly fetch = (async (url: string) => {
    this.requests++
    this.clock.advance(this.msPerRequest)
    const fault = this.faults.shift()
    if (fault) {
      return new Response(JSON.stringify(fault.body ?? {}), {
        status: fault.status,
        headers: fault.headers,
      })
    }
    const { pathname, searchParams } = new URL(url)
    const log = this.logs[pathname.slice(1) as 'users' | 'tickets']
    const offset = Number(searchParams.get('cursor') ?? 0)
    const next = Math.min(offset + this.pageSize, log.length)
    return Response.json({
      items: log.slice(offset, next),
      cursor: String(next),
      done: next >= log.length,
    })
  }) as typeof fetch

  /** What the store must hold: the newest valid version of each record. */
  truth(stream: 'users' | 'tickets'): Map<number, FakeItem> {
    const newest = new Map<number, FakeItem>()
    for (const item of this.logs[stream]) {
      if (item.bad) continue
      const known = newest.get(item.id)
      if (!known || item.v > known.v) newest.set(item.id, item)
    }
    return newest
  }

  connector(): Connector {
    return {
      source: 'zendesk',
      account: 'acme',
      rateBuckets: [],
      streams: [this.stream('users', toPerson), this.stream('tickets', toTicket)],
      classifyRateLimit: parkOnDailyPolicy,
    }
  }

  client(clock: Clock, budget?: RateBudget) {
    return createHttpClient({
      fetch: this.fetch,
      clock,
      budget,
      random: () => 1,
      backoffMs: 100,
      classifyRateLimit: parkOnDailyPolicy,
    })
  }

  private stream(
    name: 'users' | 'tickets',
    map: (item: FakeItem) => UnifiedRecord[],
  ): StreamDefinition {
    return {
      name,
      idOf: (raw) => String((raw as FakeItem).id),
      map: (raw) => map(raw as FakeItem),
      fetchPage: async (cursor, ctx) => {
        const page = await ctx.http.json<{ items: FakeItem[]; cursor: string; done: boolean }>(
          `https://fake.test/${name}?cursor=${cursor ?? 0}`,
          { endpoint: `GET /${name}` },
        )
        return { ...page, completeUpTo: ctx.now() - 60_000 }
      },
    }
  }
}

function toPerson(item: FakeItem): UnifiedRecord[] {
  if (item.bad === 'map') throw new MapError('user without identity')
  const record = person(item.id, item.v, { deleted: item.deleted ?? false })
  if (item.bad === 'schema') return [invalid(record, { updatedAt: 'yesterday' })]
  return [record]
}

function toTicket(item: FakeItem): UnifiedRecord[] {
  if (item.bad === 'map') throw new MapError('ticket without requester')
  const record = ticket(item.id, item.requester ?? 1, item.v, {
    status: item.deleted ? 'deleted' : 'open',
  })
  if (item.bad === 'schema') return [invalid(record, { status: 'weird' })]
  return [record]
}

/** A record the schema rejects, as a buggy mapper would emit it. */
function invalid(record: UnifiedRecord, fields: Record<string, unknown>): UnifiedRecord {
  const body = (record as { record: object }).record
  return { ...record, record: { ...body, ...fields } } as unknown as UnifiedRecord
}

/** The fake vendor's daily cap: a 429 whose body says `policyName: DAILY` parks until midnight UTC. */
function parkOnDailyPolicy(_response: Response, body: string, nowMs: number): RateLimitVerdict {
  return body.includes('"policyName":"DAILY"')
    ? { kind: 'park', policy: 'DAILY', untilMs: nextUtcMidnight(nowMs) }
    : { kind: 'wait' }
}

/** An in-memory store with the fake vendor's connection ('zd', Zendesk account 'acme'). */
export function openFakeVendorStore(clock: { now(): number }): TenantStore {
  const store = new TenantStore(openNodeSqlite(), { clock })
  store.migrate()
  store.putConnection({
    id: 'zd',
    source: 'zendesk',
    account: 'acme',
    baseUrl: 'https://fake.test',
    credentials: null,
    settings: {},
  })
  return store
}
