import { beforeAll, describe, expect, it } from 'vitest'
import { admin, call, createTenant } from './http.ts'
import { install } from './outbound.ts'

interface Verbatims {
  items: {
    customerId: string
    customerName: string
    comment: string
    view: string
    [field: string]: unknown
  }[]
  themes: { theme: string; count: number }[]
  total: number
}

let t: { tenantId: string; apiKey: string }
let other: { tenantId: string; apiKey: string }

/**
 * Answers of four people over two months; Dora is a detractor twice (her latest answer counts).
 * Dora wrote in French then English, Ben in French; Ann's praise is no detractor's comment.
 */
const ANSWERS = [
  ['a1', 'nps', 10, '2026-01-05T10:00:00Z', 'ann@example.com', 'Great support, thanks'],
  ['a2', 'nps', 8, '2026-01-09T10:00:00Z', 'ben@example.com', null],
  [
    'a3',
    'nps',
    3,
    '2026-01-20T10:00:00Z',
    'dora@example.com',
    'Facturé deux fois ce mois-ci, je demande le remboursement',
  ],
  ['a4', 'nps', 9, '2026-02-02T10:00:00Z', 'cleo@example.com', null],
  [
    'a5',
    'nps',
    2,
    '2026-02-10T10:00:00Z',
    'dora@example.com',
    'I waited two weeks for a reply and the problem is still not fixed',
  ],
  ['a6', 'csat', 5, '2026-02-11T10:00:00Z', 'ann@example.com', null],
  ['a7', 'csat', 1, '2026-02-12T10:00:00Z', 'ben@example.com', 'Colis jamais livré'],
] as const

beforeAll(async () => {
  install()
  t = await createTenant('Dashboards')
  other = await createTenant('Other')
  const responses = ANSWERS.map(([id, kind, score, submittedAt, email, comment]) => ({
    id,
    kind,
    score,
    submittedAt,
    email,
    comment,
  }))
  const res = await call('POST', '/v1/responses?feed=survey', {
    token: t.apiKey,
    body: { responses },
  })
  expect(res.status, res.text).toBe(200)
})

describe('GET /v1/dashboards/*', () => {
  it('NPS by month: % promoters − % detractors, with the counts', async () => {
    const res = await call('GET', '/v1/dashboards/nps', { token: t.apiKey })
    expect(res.status, res.text).toBe(200)
    const body = res.json as { months: unknown[]; overall: { score: number; answers: number } }
    expect(body.months).toEqual([
      { month: '2026-01', score: 0, promoters: 1, passives: 1, detractors: 1, answers: 3 },
      { month: '2026-02', score: 0, promoters: 1, passives: 0, detractors: 1, answers: 2 },
    ])
    expect(body.overall).toMatchObject({ score: 0, answers: 5 })
  })

  it('filters by period and tool', async () => {
    const feb = await call('GET', '/v1/dashboards/nps?from=2026-02&to=2026-02', { token: t.apiKey })
    expect((feb.json as { months: { month: string }[] }).months.map((m) => m.month)).toEqual([
      '2026-02',
    ])
    const zendesk = await call('GET', '/v1/dashboards/nps?source=zendesk', { token: t.apiKey })
    expect((zendesk.json as { months: unknown[] }).months).toEqual([])
    const csat = await call('GET', '/v1/dashboards/csat?source=import', { token: t.apiKey })
    expect((csat.json as { months: unknown[] }).months).toEqual([
      {
        month: '2026-02',
        satisfiedPercent: 50,
        averageNormalised: 0.5,
        satisfied: 1,
        neutral: 0,
        unsatisfied: 1,
        answers: 2,
      },
    ])
  })

  it('the worklist holds detractors with open friction, linking to their view', async () => {
    const res = await call('GET', '/v1/dashboards/worklist', { token: t.apiKey })
    expect(res.status, res.text).toBe(200)
    const body = res.json as { total: number; customers: Record<string, unknown>[] }
    expect(body.total).toBe(1)
    expect(body.customers[0]).toMatchObject({
      latestDetractorAt: '2026-02-10T10:00:00.000Z',
      score: 2,
      source: 'import',
    })
    const view = await call('GET', String(body.customers[0]!.view), { token: t.apiKey })
    expect(view.status, view.text).toBe(200)
  })

  it('verbatims: detractors’ comments newest first, with score, language and themes', async () => {
    const res = await call('GET', '/v1/dashboards/verbatims', { token: t.apiKey })
    expect(res.status, res.text).toBe(200)
    const { board, verbatims } = res.json as { board: string; verbatims: Verbatims }
    expect(board).toBe('verbatims')
    expect(verbatims.total).toBe(3)
    expect(verbatims.items.map((v) => v.comment)).toEqual([
      'Colis jamais livré',
      'I waited two weeks for a reply and the problem is still not fixed',
      'Facturé deux fois ce mois-ci, je demande le remboursement',
    ])
    const [parcel, english, french] = verbatims.items
    expect(french).toMatchObject({
      source: 'import',
      at: '2026-01-20T10:00:00.000Z',
      kind: 'nps',
      score: 3,
      scale: { min: 0, max: 10 },
      language: 'fr',
      themes: ['billing'],
    })
    expect(english).toMatchObject({
      kind: 'nps',
      score: 2,
      language: 'en',
      themes: ['support_wait', 'unresolved'],
    })
    expect(parcel).toMatchObject({ kind: 'csat', score: 1, scale: { min: 1, max: 5 } })
    expect(parcel).toMatchObject({ language: 'fr', themes: ['delivery'] })
    // Dora's two comments are one customer's, whose view the item links to.
    expect(english!.customerId).toBe(french!.customerId)
    expect(english!.customerId).not.toBe(parcel!.customerId)
    const view = await call('GET', english!.view, { token: t.apiKey })
    expect(view.status, view.text).toBe(200)
    expect((view.json as { customer: { displayName: string } }).customer.displayName).toBe(
      english!.customerName,
    )
    expect(verbatims.themes).toEqual([
      { theme: 'billing', count: 1 },
      { theme: 'delivery', count: 1 },
      { theme: 'support_wait', count: 1 },
      { theme: 'unresolved', count: 1 },
    ])
  })

  it('verbatims follow the tool, period and theme filters, a page at a time', async () => {
    const read = async (query: string) => {
      const res = await call('GET', `/v1/dashboards/verbatims?${query}`, { token: t.apiKey })
      expect(res.status, res.text).toBe(200)
      const { verbatims } = res.json as { verbatims: Verbatims }
      return { ...verbatims, comments: verbatims.items.map((v) => v.comment.slice(0, 12)) }
    }
    const january = await read('from=2026-01&to=2026-01')
    expect(january).toMatchObject({ total: 1, comments: ['Facturé deux'] })
    expect(january.themes).toEqual([{ theme: 'billing', count: 1 }])
    expect(await read('source=zendesk')).toMatchObject({ total: 0, items: [], themes: [] })
    expect((await read('source=import')).total).toBe(3)
    const waiting = await read('theme=support_wait')
    expect(waiting).toMatchObject({ total: 1, comments: ['I waited two'] })
    expect(waiting.themes).toHaveLength(4)
    expect(await read('theme=delivery&from=2026-02')).toMatchObject({
      total: 1,
      comments: ['Colis jamais'],
    })
    expect((await read('theme=delivery&to=2026-01')).total).toBe(0)
    const pages = [await read('limit=2'), await read('limit=2&offset=2')]
    expect(pages.map((p) => p.comments)).toEqual([
      ['Colis jamais', 'I waited two'],
      ['Facturé deux'],
    ])
    expect(pages.map((p) => p.total)).toEqual([3, 3])
  })

  it('refuses bad filters with a problem naming them, and other tenants see nothing of it', async () => {
    for (const query of [
      'nps?from=2026-13',
      'nps?from=2026-03&to=2026-01',
      'nps?source=slack',
      'nps?risk=at_risk',
      'nps?theme=billing',
      'nps?limit=5',
      'verbatims?theme=weather',
      'verbatims?limit=101',
      'verbatims?risk=at_risk',
      'worklist?theme=billing',
    ]) {
      const res = await call('GET', `/v1/dashboards/${query}`, { token: t.apiKey })
      expect(res.status, query).toBe(400)
      expect(res.type).toContain('application/problem+json')
    }
    const page = await call('GET', '/v1/dashboards/worklist?limit=200', { token: t.apiKey })
    expect(page.status, page.text).toBe(200)
    expect((await call('GET', '/v1/dashboards/churn', { token: t.apiKey })).status).toBe(400)
    expect((await call('GET', '/v1/dashboards/nps')).status).toBe(401)
    const theirs = await call('GET', '/v1/dashboards/nps', { token: other.apiKey })
    expect((theirs.json as { months: unknown[] }).months).toEqual([])
    const notTheirs = await call('GET', '/v1/dashboards/verbatims', { token: other.apiKey })
    expect((notTheirs.json as { verbatims: Verbatims }).verbatims.total).toBe(0)
  })
})

describe('GET /admin/tenants/:t/dashboards/*', () => {
  it('answers the admin token with the same figures, and refuses the tenant key', async () => {
    for (const board of ['nps', 'verbatims?theme=billing']) {
      const mine = await call('GET', `/v1/dashboards/${board}`, { token: t.apiKey })
      const res = await admin('GET', `/admin/tenants/${t.tenantId}/dashboards/${board}`)
      expect(res.status, res.text).toBe(200)
      expect(res.json).toEqual(mine.json)
    }
    const refused = await call('GET', `/admin/tenants/${t.tenantId}/dashboards/nps`, {
      token: t.apiKey,
    })
    expect(refused.status).toBe(401)
  })
})
