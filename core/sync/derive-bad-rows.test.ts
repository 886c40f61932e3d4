import { describe, expect, it } from 'vitest'
import { openNodeSqlite } from '../store/node-sqlite.ts'
import { person, response, ticket, zdRef } from '../store/records.fixtures.ts'
import { TenantStore } from '../store/index.ts'
import { derivePendingSlice } from './derive.ts'

const now = Date.UTC(2026, 0, 2)

// Rows stored before the bounds existed (core/model/bounds.ts) bypass today's entry checks: the
// store writes what it is given. A derive must still finish, and the view must not show them.
describe('a bad stored answer cannot poison a derive', () => {
  it('derives the customer without the unsound answers, no NaN, no throw', () => {
    const store = new TenantStore(openNodeSqlite(), { clock: { now: () => now } })
    store.migrate()
    const huge = { min: -1e308, max: 1e308 }
    store.writePage({
      connectionId: 'zd',
      stream: 's',
      records: [
        person(1, 1, { emails: ['jane@example.com'] }),
        ticket(10, 1, 2),
        response(100, 1, 10, 3, { kind: 'nps', score: 1e308, scale: huge, normalised: 0 }),
        response(101, 1, 10, 4, { kind: 'nps', score: Number.NaN, scale: { min: 0, max: 10 } }),
        response(102, 1, 10, 5, { kind: 'csat', score: 3, scale: { min: 5, max: 1 } }),
        response(103, 1, 10, 6, { kind: 'nps', score: 9, scale: { min: 0, max: 10 } }),
      ],
      quarantined: [],
      cursor: 'c',
      state: {},
    })
    expect(() => derivePendingSlice(store, { now })).not.toThrow()
    const id = store.findCustomerId({ by: 'person', ref: zdRef('user', 1) })
    const view = store.getView(id!)
    expect(view?.nps.responses.map((r) => r.ref.id)).toEqual(['103'])
    expect(view?.nps.latest).toMatchObject({ score: 9, category: 'promoter' })
    expect(view?.csat.responses).toEqual([])
    expect(JSON.stringify(view)).not.toMatch(/NaN|null,"category":null/)
  })
})
