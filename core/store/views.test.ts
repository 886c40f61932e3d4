import { beforeEach, describe, expect, it } from 'vitest'
import { applyMigrations } from './migrate.ts'
import { openNodeSqlite } from './node-sqlite.ts'
import { TenantStore } from './tenant-store.ts'

let store: TenantStore
beforeEach(() => {
  store = new TenantStore(openNodeSqlite())
  store.migrate()
})

/** A stored view with only what the queries read: identities, friction, NPS. */
function view(
  id: string,
  shape: { identities: [string, string, string, string][]; friction?: boolean; nps?: boolean },
) {
  const body = {
    customer: {
      id,
      identities: shape.identities.map(([source, account, object, vid]) => ({
        source,
        account,
        object,
        id: vid,
      })),
    },
    friction: shape.friction ? [{ open: true }, { open: false }] : [{ open: false }],
    nps: { latest: shape.nps ? { score: 3 } : null },
  }
  store.sql.run(
    'INSERT INTO customers (id, body, updated_ms) VALUES (?, ?, 0)',
    id,
    JSON.stringify(body.customer),
  )
  store.sql.run(
    'INSERT INTO views (customer_id, body, generated_ms) VALUES (?, ?, 0)',
    id,
    JSON.stringify(body),
  )
}

describe('views queries', () => {
  beforeEach(() => {
    view('c1', { identities: [['zendesk', 'acme', 'user', '1']] })
    view('c2', { identities: [['zendesk', 'acme', 'user', '2']], nps: true })
    view('c3', { identities: [['zendesk', 'acme', 'user', '3']], friction: true })
    view('c4', {
      identities: [
        ['zendesk', 'acme', 'user', '4'],
        ['hubspot', '42', 'contact', '4'],
      ],
      friction: true,
      nps: true,
    })
    view('c5', { identities: [['zendesk', 'other', 'user', '5']], friction: true, nps: true })
  })

  it('pages views by customer id, filters ANDed in SQL, with the filtered total', () => {
    const ids = (page: ReturnType<TenantStore['pageViews']>) => page.views.map((v) => v.customer.id)
    const all = store.pageViews({ limit: 2, offset: 1, has: [] })
    expect(all.total).toBe(5)
    expect(ids(all)).toEqual(['c2', 'c3'])
    const both = store.pageViews({ limit: 10, offset: 0, has: ['friction', 'nps'] })
    expect([both.total, ids(both)]).toEqual([2, ['c4', 'c5']])
    const sources = store.pageViews({ limit: 10, offset: 0, has: ['both_sources'] })
    expect(ids(sources)).toEqual(['c4'])
  })

  it('finds the views with an identity of one account, telling ones first', () => {
    const found = store.viewsWithIdentity({
      source: 'zendesk',
      account: 'acme',
      object: 'user',
      limit: 3,
    })
    expect(found.map((v) => v.customer.id)).toEqual(['c4', 'c3', 'c2'])
  })
})

describe('applyMigrations', () => {
  it('keeps another list of migrations in its own table, applied in id order once', () => {
    const sql = openNodeSqlite()
    const migrations = [
      { id: 2, name: '0002_b', sql: 'ALTER TABLE a ADD COLUMN y TEXT' },
      { id: 1, name: '0001_a', sql: 'CREATE TABLE a (x TEXT)' },
    ]
    expect(applyMigrations(sql, 5, migrations, 'other_migrations')).toEqual(['0001_a', '0002_b'])
    expect(applyMigrations(sql, 6, migrations, 'other_migrations')).toEqual([])
    expect(sql.all('SELECT id, applied_ms FROM other_migrations ORDER BY id')).toEqual([
      { id: 1, applied_ms: 5 },
      { id: 2, applied_ms: 5 },
    ])
    expect(() => applyMigrations(sql, 7, migrations, 'x; DROP TABLE a')).toThrow(/table name/)
  })
})

describe('countQuarantine', () => {
  it('counts one connection’s quarantined items', () => {
    store.putConnection({
      id: 'zd',
      source: 'zendesk',
      account: 'acme',
      baseUrl: 'https://acme.zendesk.com',
      credentials: null,
      settings: {},
    })
    store.writePage({
      connectionId: 'zd',
      stream: 'users',
      records: [],
      quarantined: [
        { vendorId: '1', reason: 'bad', raw: {} },
        { vendorId: '2', reason: 'bad', raw: {} },
      ],
      cursor: null,
      state: {},
    })
    expect(store.countQuarantine('zd')).toBe(2)
    expect(store.countQuarantine('other')).toBe(0)
  })
})
