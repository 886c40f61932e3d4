import { beforeEach, describe, expect, it } from 'vitest'
import type { SurveyResponse, UnifiedRecord } from '../model/index.ts'
import { openNodeSqlite } from '../store/node-sqlite.ts'
import { person, response, ticket, writeRecords, zdRef } from '../store/records.fixtures.ts'
import { TenantStore, type SqlPort, type SqlValue } from '../store/index.ts'
import { verbatimsBoard } from '../store/dashboard-verbatims.ts'
import { derivePendingSlice } from '../sync/derive.ts'

const now = Date.UTC(2026, 5, 1)
let store: TenantStore

function write(records: UnifiedRecord[]) {
  writeRecords(store, records)
  expect(derivePendingSlice(store, { now }).remaining).toBe(0)
}

/** An answer of person `who` on `day` (2026), NPS 0–10 unless said. */
function answer(
  id: string,
  who: number,
  day: string,
  score: number,
  comment: string | null,
  fields: Partial<SurveyResponse> = {},
): UnifiedRecord {
  const at = `2026-${day}T10:00:00.000Z`
  return response(id, who, null, 0, {
    kind: 'nps',
    score,
    scale: { min: 0, max: 10 },
    normalised: score / 10,
    comment,
    submittedAt: at,
    updatedAt: at,
    ...fields,
  })
}

const customerOf = (id: number) => store.findCustomerId({ by: 'person', ref: zdRef('user', id) })

/**
 * No verbatim row of a customer that is gone, and the running totals equal the rows they count
 * (what every later read relies on).
 */
function expectConsistent() {
  const orphans = store.sql.all(
    `SELECT customer_id FROM dash_verbatim WHERE customer_id NOT IN (SELECT id FROM customers)
     UNION ALL SELECT customer_id FROM dash_verbatim_theme
       WHERE customer_id NOT IN (SELECT id FROM customers)`,
  )
  expect(orphans).toEqual([])
  const drift = store.sql.all(
    `SELECT month, source FROM dash_verbatim_total t WHERE verbatims != (SELECT count(*)
       FROM dash_verbatim v WHERE substr(v.at, 1, 7) = t.month AND v.source = t.source)
     UNION ALL SELECT month, source FROM dash_verbatim_theme_total t WHERE verbatims != (
       SELECT count(*) FROM dash_verbatim_theme v
       WHERE substr(v.at, 1, 7) = t.month AND v.source = t.source AND v.theme = t.theme)`,
  )
  expect(drift).toEqual([])
}

const comments = () => store.verbatimsDashboard({ limit: 100 }).items.map((v) => v.comment)

beforeEach(() => {
  store = new TenantStore(openNodeSqlite(), { clock: { now: () => now } })
  store.migrate()
})

describe('verbatims dashboard contributions', () => {
  it('keeps every commented detractor and unsatisfied answer with its score, language and themes', () => {
    write([
      person(1, 1, { name: 'Élodie Martin' }),
      person(2, 1, { name: 'Jane Smith' }),
      answer('fr', 1, '03-04', 2, 'Facturé deux fois et toujours pas remboursé'),
      answer('en', 2, '04-10', 1, 'I waited ten days for a reply, nobody answered', {
        kind: 'csat',
        scale: { min: 1, max: 5 },
        normalised: 0,
      }),
      answer('promoter', 1, '04-11', 10, 'Great service'),
      answer('silent', 2, '04-12', 0, '  '),
      answer('passive', 2, '04-13', 7, 'The invoice was late'),
    ])
    const board = store.verbatimsDashboard()
    expect(board.total).toBe(2)
    expect(board.items).toEqual([
      {
        customerId: customerOf(2),
        customerName: 'Jane Smith',
        source: 'zendesk',
        at: '2026-04-10T10:00:00.000Z',
        kind: 'csat',
        score: 1,
        scale: { min: 1, max: 5 },
        comment: 'I waited ten days for a reply, nobody answered',
        language: 'en',
        themes: ['support_wait'],
      },
      {
        customerId: customerOf(1),
        customerName: 'Élodie Martin',
        source: 'zendesk',
        at: '2026-03-04T10:00:00.000Z',
        kind: 'nps',
        score: 2,
        scale: { min: 0, max: 10 },
        comment: 'Facturé deux fois et toujours pas remboursé',
        language: 'fr',
        themes: ['billing', 'unresolved'],
      },
    ])
    expect(board.themes).toEqual([
      { theme: 'billing', count: 1 },
      { theme: 'support_wait', count: 1 },
      { theme: 'unresolved', count: 1 },
    ])
    expectConsistent()
  })

  it('replaces a customer’s comments when the customer is derived again', () => {
    write([person(1, 1), answer('a', 1, '03-04', 2, 'Colis jamais livré')])
    expect(store.verbatimsDashboard().themes).toEqual([{ theme: 'delivery', count: 1 }])
    // The same answer edited: one row, the new words and themes.
    write([
      answer('a', 1, '03-04', 3, 'Le prix est trop cher', { updatedAt: '2026-05-01T00:00:00Z' }),
    ])
    const board = store.verbatimsDashboard()
    expect(board.items.map((v) => [v.comment, v.score])).toEqual([['Le prix est trop cher', 3]])
    expect(board.themes).toEqual([{ theme: 'pricing', count: 1 }])
    // Rated up to a promoter: no longer a detractor's comment, counted nowhere.
    write([
      answer('a', 1, '03-04', 9, 'Le prix est trop cher', { updatedAt: '2026-05-02T00:00:00Z' }),
    ])
    expect(store.verbatimsDashboard()).toEqual({ items: [], themes: [], total: 0 })
    expectConsistent()
  })

  it('follows the tenant’s detractor mark once the customers are derived again', () => {
    write([person(1, 1), answer('a', 1, '03-04', 7, 'Facture fausse')])
    expect(store.verbatimsDashboard().total).toBe(0)
    store.replaceSettings({ friction: { ...store.getSettings().friction, npsDetractorMax: 7 } })
    expect(derivePendingSlice(store, { now }).remaining).toBe(0)
    expect(comments()).toEqual(['Facture fausse'])
  })

  it('leaves nothing of a merged-away or erased customer, and nothing counted twice', () => {
    write([
      person(1, 1, { emails: ['a@x.com'] }),
      person(2, 1, { emails: ['b@x.com'] }),
      answer('one', 1, '03-04', 2, 'Refund still not received'),
      answer('two', 2, '03-05', 1, 'Cannot log in to my account'),
    ])
    const [first, second] = [customerOf(1)!, customerOf(2)!]
    expect(first).not.toBe(second)
    write([
      { kind: 'merge', from: zdRef('user', 2), into: zdRef('user', 1), at: '2026-05-01T00:00:00Z' },
    ])
    const survivor = customerOf(1)!
    const board = store.verbatimsDashboard()
    expect(board.total).toBe(2)
    expect(new Set(board.items.map((v) => v.customerId))).toEqual(new Set([survivor]))
    expectConsistent()

    write([{ kind: 'erase', ref: zdRef('user', 1), at: '2026-05-02T00:00:00Z' }])
    write([{ kind: 'erase', ref: zdRef('user', 2), at: '2026-05-02T00:00:00Z' }])
    expect(store.verbatimsDashboard()).toEqual({ items: [], themes: [], total: 0 })
    expect(store.sql.all('SELECT * FROM dash_verbatim_theme')).toEqual([])
    expectConsistent()
  })

  it('filters by tool, period and theme, and pages newest first', () => {
    const hubspot = (id: string) => ({
      ref: { ...zdRef('feedback', id), source: 'hubspot' as const },
    })
    write([
      person(1, 1),
      person(2, 1),
      answer('jan', 1, '01-15', 1, 'Invoice wrong again'),
      answer('feb', 2, '02-15', 2, 'Facture erronée, remboursement attendu', hubspot('feb')),
      answer('mar', 1, '03-15', 3, 'Delivery was late and the invoice wrong'),
      answer('apr', 2, '04-15', 0, 'App crashes every day', hubspot('apr')),
    ])
    const read = (query: Parameters<TenantStore['verbatimsDashboard']>[0]) => {
      const board = store.verbatimsDashboard(query)
      return {
        ids: board.items.map((v) => v.at.slice(5, 7)),
        total: board.total,
        themes: board.themes,
      }
    }
    expect(read({}).ids).toEqual(['04', '03', '02', '01'])
    expect(read({ source: 'hubspot' })).toMatchObject({ ids: ['04', '02'], total: 2 })
    expect(read({ from: '2026-02', to: '2026-03' })).toEqual({
      ids: ['03', '02'],
      total: 2,
      themes: [
        { theme: 'billing', count: 2 },
        { theme: 'delivery', count: 1 },
        { theme: 'support_wait', count: 1 },
      ],
    })
    // A theme narrows the items and the total, not the theme counts of the period.
    expect(read({ theme: 'billing' })).toMatchObject({ ids: ['03', '02', '01'], total: 3 })
    expect(read({ theme: 'billing', source: 'zendesk', to: '2026-02' })).toMatchObject({
      ids: ['01'],
      total: 1,
    })
    expect(read({ theme: 'billing', from: '2026-02' }).themes).toEqual(
      read({ from: '2026-02' }).themes,
    )
    expect(read({ theme: 'cancellation' })).toEqual({ ids: [], total: 0, themes: read({}).themes })
    // Pages: the total stays, the pages add up to it.
    const pages = [0, 2, 4].map((offset) => read({ limit: 2, offset }))
    expect(pages.map((p) => p.ids)).toEqual([['04', '03'], ['02', '01'], []])
    expect(pages.every((p) => p.total === 4)).toBe(true)
    expect(read({ theme: 'billing', limit: 1, offset: 1 }).ids).toEqual(['02'])
    expectConsistent()
  })

  it('counts an answer about a customer’s ticket given by someone else for its respondent only', () => {
    write([
      person(1, 1),
      person(2, 1),
      ticket(10, 1, 0),
      answer('cc', 2, '03-04', 1, 'Nobody replied', { ticket: zdRef('ticket', 10) }),
    ])
    const board = store.verbatimsDashboard()
    expect(board.items.map((v) => v.customerId)).toEqual([customerOf(2)])
  })
})

describe('verbatims dashboard reads', () => {
  /** SQLite's plan of every query one board read runs. */
  const plansOf = (query: Parameters<TenantStore['verbatimsDashboard']>[0]) => {
    const plans: string[] = []
    const spy: SqlPort = {
      ...store.sql,
      all: (sql: string, ...params: SqlValue[]) => {
        const plan = store.sql.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, ...params)
        plans.push(plan.map((row) => row.detail).join(' | '))
        return store.sql.all(sql, ...params)
      },
    }
    verbatimsBoard(spy, { limit: 20, offset: 0, ...query })
    return plans
  }

  it('reads a page newest first through a covering index, never sorting or scanning every comment', () => {
    for (const query of [
      {},
      { source: 'hubspot' as const, from: '2026-01' },
      { theme: 'billing' as const, from: '2026-01', to: '2026-03' },
    ]) {
      const plans = plansOf(query).join(' || ')
      expect(plans).not.toMatch(/SCAN (dash_verbatim|dash_verbatim_theme|v|t)\b(?! USING)/)
      expect(plans).toMatch(/dash_verbatim(_theme|_source)?_newest/)
      // Only the per-month totals are grouped and sorted, never the comments themselves.
      const pageQuery = plansOf(query).at(-1)!
      expect(pageQuery).not.toContain('TEMP B-TREE')
      // The keys of the page from an index alone: rows an offset skips are never read.
      expect(pageQuery).toMatch(/COVERING INDEX dash_verbatim(_theme|_source)?_newest/)
    }
  })
})
