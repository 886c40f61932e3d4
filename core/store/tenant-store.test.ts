import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type UnifiedRecord } from '../model/index.ts'
import { openNodeSqlite } from './node-sqlite.ts'
import { at, organisation, person, response, ticket, zdRef } from './records.fixtures.ts'
import { TenantStore, type WritePageInput } from './tenant-store.ts'

const page = (records: UnifiedRecord[], cursor = 'c1', extra: Partial<WritePageInput> = {}) => ({
  connectionId: 'zd',
  stream: 'users',
  records,
  quarantined: [],
  cursor,
  state: { status: 'running' as const },
  ...extra,
})

/** Every table's rows, for whole-store comparisons. */
function dump(store: TenantStore) {
  const tables = ['records', 'identity_keys', 'merges', 'erasures', 'quarantine', 'pending_derive']
  return Object.fromEntries(
    tables.map((t) => [
      t,
      store.sql
        .all(`SELECT * FROM ${t}`)
        .map((row) => JSON.stringify(row))
        .sort(),
    ]),
  )
}

let store: TenantStore
beforeEach(() => {
  store = new TenantStore(openNodeSqlite(), { clock: { now: () => Date.UTC(2026, 0, 2) } })
  store.migrate()
  store.putConnection({
    id: 'zd',
    source: 'zendesk',
    account: 'acme',
    baseUrl: 'https://acme.zendesk.com',
    credentials: new Uint8Array([1, 2, 3]),
    settings: {},
  })
})

describe('TenantStore migrations', () => {
  it('applies each migration once and records it', () => {
    expect(store.migrate()).toEqual([])
    const applied = store.sql.all<{ name: string }>(
      'SELECT name FROM schema_migrations ORDER BY id',
    )
    expect(applied.map((r) => r.name)).toEqual([
      '0001_create_records',
      '0002_create_identity',
      '0003_create_customers',
      '0004_create_sync',
      '0005_create_settings',
      '0006_drop_records_kind_index',
      '0007_create_connector_cache',
      '0010_create_alerts',
      '0011_create_dashboards',
      '0012_create_dashboard_verbatims',
      '0013_defer_backfill_derive',
    ])
  })
})

describe('TenantStore connector cache', () => {
  it('keeps a value per connection and key, replaces it, and drops it with the connection', () => {
    expect(store.getCached('zd', 'k')).toBeNull()
    store.putCached('zd', 'k', 'one')
    store.putCached('zd', 'k', 'two')
    store.putCached('zd', 'other', 'x')
    expect(store.getCached('zd', 'k')).toEqual({ value: 'two', storedMs: Date.UTC(2026, 0, 2) })
    expect(store.getCached('hs', 'k')).toBeNull()
    store.deleteConnection('zd')
    expect(store.getCached('zd', 'k')).toBeNull()
  })
})

describe('TenantStore.writePage', () => {
  it('is idempotent: the same page twice leaves the same store', () => {
    const records = [person(1, 5), ticket(10, 1, 6), response(100, 1, 10, 7)]
    const first = store.writePage(page(records))
    expect(first.written).toBe(3)
    const before = dump(store)
    const second = store.writePage(page(records))
    expect(second).toMatchObject({ written: 0, stale: 3 })
    expect(dump(store)).toEqual(before)
  })

  it('never lets an older or equal version overwrite a newer one', () => {
    store.writePage(page([ticket(10, 1, 9, { subject: 'newest' })]))
    const result = store.writePage(
      page([ticket(10, 1, 3, { subject: 'older' }), ticket(10, 1, 9, { subject: 'same time' })]),
    )
    expect(result).toMatchObject({ written: 0, stale: 2 })
    expect(store.getRecord(zdRef('ticket', 10))?.body).toMatchObject({ subject: 'newest' })
    store.writePage(page([ticket(10, 1, 12, { subject: 'newer' })]))
    expect(store.getRecord(zdRef('ticket', 10))?.body).toMatchObject({ subject: 'newer' })
  })

  it('applies deletions as newer versions and counts them', () => {
    store.writePage(page([ticket(10, 1, 1)]))
    const result = store.writePage(page([ticket(10, 1, 2, { status: 'deleted' })]))
    expect(result.deleted).toBe(1)
    expect(store.getRecord(zdRef('ticket', 10))).toMatchObject({ deleted: true })
  })

  it('stores quarantine rows and resolves them when the item maps later', () => {
    store.writePage(
      page([], 'c1', { quarantined: [{ vendorId: '7', reason: 'bad email', raw: { id: 7 } }] }),
    )
    expect(store.listQuarantine()).toMatchObject([
      { stream: 'users', vendorId: '7', reason: 'bad email' },
    ])
    expect(store.getQuarantinedRaw('zd', 'users', '7')).toEqual({ id: 7 })
    store.writePage(page([person(7, 2)], 'c2', { mappedIds: ['7'] }))
    expect(store.listQuarantine()).toEqual([])
  })

  it('commits the page and its cursor together or not at all', () => {
    store.writePage(page([person(1, 1)], 'c1'))
    const before = dump(store)
    const ticking = { records: [person(2, 1)] as UnifiedRecord[] }
    // A record that fails inside the transaction (an invalid instant) after a valid one.
    const broken = {
      kind: 'ticket',
      record: { ...(ticket(3, 1, 1) as { record: object }).record, updatedAt: undefined },
    } as unknown as UnifiedRecord
    expect(() => store.writePage(page([...ticking.records, broken], 'c2'))).toThrow()
    expect(dump(store)).toEqual(before)
    expect(store.streamStates('zd')[0]?.cursor).toBe('c1')
  })

  it('keeps cumulative stream counts and the cursor', () => {
    store.writePage(
      page([person(1, 1)], 'c1', {
        state: { status: 'running', counts: { fetched: 1 }, requests: 1 },
      }),
    )
    store.writePage(
      page([person(1, 1), person(2, 1)], 'c2', {
        state: { status: 'idle', counts: { fetched: 2 }, requests: 1, caughtUp: true },
      }),
    )
    expect(store.streamStates('zd')).toMatchObject([
      {
        stream: 'users',
        cursor: 'c2',
        status: 'idle',
        caughtUp: true,
        requests: 2,
        counts: { fetched: 3, written: 2, stale: 1, quarantined: 0, deleted: 0 },
      },
    ])
  })

  it('returns touched people: requesters of tickets and respondents of responses, old and new', () => {
    store.writePage(page([person(1, 1), ticket(10, 1, 1)]))
    expect(store.writePage(page([ticket(10, 2, 2)])).touched.sort()).toEqual([
      'zendesk:acme:user:1',
      'zendesk:acme:user:2',
    ])
    expect(store.writePage(page([response(100, null, 10, 3)])).touched).toEqual([
      'zendesk:acme:user:2',
    ])
    store.writePage(page([person(3, 1, { organisation: zdRef('organization', 5) })]))
    expect(store.writePage(page([organisation(5, 4)])).touched).toEqual(['zendesk:acme:user:3'])
    expect(store.pendingDerive()).toEqual([
      'zendesk:acme:user:1',
      'zendesk:acme:user:2',
      'zendesk:acme:user:3',
    ])
  })

  it('erases every trace of a person: identity, tickets, responses, quarantine', () => {
    store.writePage(
      page(
        [
          person(1, 1),
          ticket(10, 1, 1),
          response(100, null, 10, 1),
          response(101, 1, null, 1),
          person(2, 1),
          ticket(20, 2, 1),
        ],
        'c1',
        {
          quarantined: [{ vendorId: '1', reason: 'x', raw: { id: 1, email: 'p1@example.com' } }],
        },
      ),
    )
    const result = store.writePage(page([{ kind: 'erase', ref: zdRef('user', 1), at: at(30) }]))
    expect(result.deleted).toBe(4)
    expect(result.touched).toContain('zendesk:acme:user:1')
    const everything = JSON.stringify(dump(store))
    expect(everything).not.toContain('p1@example.com')
    expect(everything).not.toContain('Person 1"')
    expect(store.countRecords()).toBe(2)
    expect(
      store.sql.all("SELECT * FROM identity_keys WHERE ref_key = 'zendesk:acme:user:1'"),
    ).toEqual([])
    // A repeated old page cannot bring the erased records back.
    expect(store.writePage(page([person(1, 1), ticket(10, 1, 1)])).stale).toBe(2)
    expect(store.countRecords()).toBe(2)
  })

  it("an erasure also covers the person's tickets and answers that arrive after it", () => {
    // HubSpot streams contacts before tickets: a privacy-deleted contact's erase lands first.
    store.writePage(page([person(2, 1), { kind: 'erase', ref: zdRef('user', 1), at: at(30) }]))
    const later = store.writePage(
      page([ticket(10, 1, 40), response(100, null, 10, 40), response(101, 1, null, 40)]),
    )
    expect(later.written).toBe(0)
    expect(store.countRecords()).toBe(1)
    expect(JSON.stringify(dump(store))).not.toContain('Ticket 10')
    // Someone else's ticket still comes in.
    store.writePage(page([ticket(20, 2, 40)]))
    expect(store.countRecords()).toBe(2)
  })

  it('marks the loser of a merge as merged into the survivor, whichever arrives first', () => {
    const merge: UnifiedRecord = {
      kind: 'merge',
      from: zdRef('user', 1),
      into: zdRef('user', 2),
      at: at(10),
    }
    store.writePage(page([person(1, 1), person(2, 1), merge]))
    expect(store.getRecord(zdRef('user', 1))?.body).toMatchObject({ mergedInto: zdRef('user', 2) })
    const keysOf = (id: number) =>
      store.sql
        .all<{ key: string }>(
          'SELECT key FROM identity_keys WHERE ref_key = ? ORDER BY key',
          `zendesk:acme:user:${id}`,
        )
        .map((r) => r.key)
    expect(keysOf(1)).toEqual(['ref:zendesk:acme:user:1', 'ref:zendesk:acme:user:2'])

    const merge2: UnifiedRecord = {
      kind: 'merge',
      from: zdRef('user', 3),
      into: zdRef('user', 2),
      at: at(10),
    }
    store.writePage(page([merge2]))
    store.writePage(page([person(3, 2)]))
    expect(store.getRecord(zdRef('user', 3))?.body).toMatchObject({ mergedInto: zdRef('user', 2) })
    expect(keysOf(3)).toContain('ref:zendesk:acme:user:2')
  })
})

describe('TenantStore connections and settings', () => {
  it('round-trips connections with opaque credentials', () => {
    expect(store.getConnection('zd')).toMatchObject({
      source: 'zendesk',
      account: 'acme',
      credentials: new Uint8Array([1, 2, 3]),
    })
    store.deleteConnection('zd')
    expect(store.listConnections()).toEqual([])
  })

  it('returns default settings until some are saved', () => {
    expect(store.getSettings()).toEqual(DEFAULT_SETTINGS)
    const custom = { friction: { ...DEFAULT_SETTINGS.friction, npsDropPoints: 4 } }
    store.putSettings(custom)
    expect(store.getSettings()).toEqual(custom)
  })

  it('opens one run at a time per connection', () => {
    const run = store.openRun('zd')
    expect(store.openRun('zd')).toBe(run)
    store.finishRun(run)
    expect(store.openRun('zd')).toBeGreaterThan(run)
  })
})
