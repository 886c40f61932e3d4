import { beforeAll, describe, expect, it } from 'vitest'
import { admin, call, createTenant } from './http.ts'
import { install } from './outbound.ts'

let t: { tenantId: string; apiKey: string }
let other: { tenantId: string; apiKey: string }

/** Answers of four people over two months; Dora is a detractor twice (her latest answer counts). */
const ANSWERS = [
  ['a1', 'nps', 10, '2026-01-05T10:00:00Z', 'ann@example.com'],
  ['a2', 'nps', 8, '2026-01-09T10:00:00Z', 'ben@example.com'],
  ['a3', 'nps', 3, '2026-01-20T10:00:00Z', 'dora@example.com'],
  ['a4', 'nps', 9, '2026-02-02T10:00:00Z', 'cleo@example.com'],
  ['a5', 'nps', 2, '2026-02-10T10:00:00Z', 'dora@example.com'],
  ['a6', 'csat', 5, '2026-02-11T10:00:00Z', 'ann@example.com'],
  ['a7', 'csat', 1, '2026-02-12T10:00:00Z', 'ben@example.com'],
] as const

beforeAll(async () => {
  install()
  t = await createTenant('Dashboards')
  other = await createTenant('Other')
  const responses = ANSWERS.map(([id, kind, score, submittedAt, email]) => ({
    id,
    kind,
    score,
    submittedAt,
    email,
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

  it('refuses bad filters with a problem naming them, and other tenants see nothing of it', async () => {
    for (const query of [
      'from=2026-13',
      'from=2026-03&to=2026-01',
      'source=slack',
      'risk=at_risk',
    ]) {
      const res = await call('GET', `/v1/dashboards/nps?${query}`, { token: t.apiKey })
      expect(res.status, query).toBe(400)
      expect(res.type).toContain('application/problem+json')
    }
    expect((await call('GET', '/v1/dashboards/churn', { token: t.apiKey })).status).toBe(400)
    expect((await call('GET', '/v1/dashboards/nps')).status).toBe(401)
    const theirs = await call('GET', '/v1/dashboards/nps', { token: other.apiKey })
    expect((theirs.json as { months: unknown[] }).months).toEqual([])
  })
})

describe('GET /admin/tenants/:t/dashboards/*', () => {
  it('answers the admin token with the same figures, and refuses the tenant key', async () => {
    const mine = await call('GET', '/v1/dashboards/nps', { token: t.apiKey })
    const res = await admin('GET', `/admin/tenants/${t.tenantId}/dashboards/nps`)
    expect(res.status, res.text).toBe(200)
    expect(res.json).toEqual(mine.json)
    const refused = await call('GET', `/admin/tenants/${t.tenantId}/dashboards/nps`, {
      token: t.apiKey,
    })
    expect(refused.status).toBe(401)
  })
})
