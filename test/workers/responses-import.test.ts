import { exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CustomerView } from '../../core/model/index.ts'
import { call, createTenant, uniqueSubdomain } from './http.ts'
import { install } from './outbound.ts'
import { personRecord, ref, seed, ticketRecord } from './seed.ts'

const sub = uniqueSubdomain('survey')
let t: { tenantId: string; apiKey: string }
const COMMENT = 'Trop lent, "vraiment" décevant\naprès 3 relances'

async function postCsv(csv: string, query = '') {
  const res = await exports.default.fetch(
    new Request(`https://cxlens.test/v1/responses${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'text/csv; charset=utf-8' },
      body: csv,
    }),
  )
  const text = await res.text()
  return { status: res.status, type: res.headers.get('content-type'), json: JSON.parse(text) }
}
const postJson = (responses: unknown[], query = '') =>
  call('POST', `/v1/responses${query}`, { token: t.apiKey, body: { responses } })
const view = async (query: string) => {
  const res = await call('GET', `/v1/customers/lookup?${query}`, { token: t.apiKey })
  expect(res.status, res.text).toBe(200)
  return res.json as unknown as CustomerView
}

beforeAll(async () => {
  install()
  t = await createTenant('Surveys')
  const chloe = ref('zendesk', sub, 'user', '31')
  await seed(t.tenantId, { source: 'zendesk', account: sub }, [
    personRecord(chloe, 'chloe.dubois@example.fr', 'Chloé Dubois'),
    ticketRecord(ref('zendesk', sub, 'ticket', '77'), chloe, { status: 'solved' }),
  ])
})

describe('POST /v1/responses (JSON)', () => {
  const batch = [
    {
      id: 'resp-1',
      kind: 'nps',
      score: 3,
      comment: COMMENT,
      submittedAt: '2026-03-02T09:00:00+01:00',
      email: 'Chloe.Dubois@EXAMPLE.fr',
      survey: { id: 'q1-nps', name: 'NPS trimestriel', channel: 'email' },
    },
    {
      id: 'resp-2',
      kind: 'csat',
      score: 2,
      submittedAt: '2026-03-03T10:00:00Z',
      email: 'chloe.dubois@example.fr',
      ticket: { source: 'zendesk', id: '77' },
    },
  ]

  it('joins the respondent to the customer with that email and re-derives the view', async () => {
    const res = await postJson(batch)
    expect(res.status, res.text).toBe(200)
    expect(res.json).toEqual({ feed: 'api', accepted: 2, written: 2, unchanged: 0, rejected: [] })
    const v = await view('zendesk_user_id=31')
    expect(v.customer.identities.map((r) => r.source).sort()).toEqual(['import', 'zendesk'])
    expect(v.nps.responses).toHaveLength(1)
    expect(v.nps.responses[0]).toMatchObject({
      score: 3,
      category: 'detractor',
      comment: COMMENT,
      at: '2026-03-02T08:00:00.000Z',
      survey: 'NPS trimestriel',
    })
    expect(v.nps.latest).toMatchObject({ score: 3, category: 'detractor' })
    expect(v.csat.responses).toHaveLength(1)
    expect(v.csat.responses[0]).toMatchObject({
      scale: { min: 1, max: 5 },
      normalised: 0.25,
      ticket: { source: 'zendesk', account: sub, object: 'ticket', id: '77' },
    })
  })

  it('is idempotent by the sender’s id; a later updatedAt corrects a response', async () => {
    const again = await postJson(batch)
    expect(again.json).toMatchObject({ accepted: 2, written: 0, unchanged: 2 })
    expect((await view('zendesk_user_id=31')).nps.responses).toHaveLength(1)
    const fixed = await postJson([{ ...batch[0], score: 8, updatedAt: '2026-03-04T00:00:00Z' }])
    expect(fixed.json).toMatchObject({ written: 1, unchanged: 0 })
    const v = await view('zendesk_user_id=31')
    expect(v.nps.responses.map((r) => r.score)).toEqual([8])
  })

  it('keeps feeds apart: the same id in another feed is another response', async () => {
    const res = await postJson(
      [{ ...batch[0], score: 10, submittedAt: '2026-03-05T00:00:00Z' }],
      '?feed=typeform',
    )
    expect(res.json).toMatchObject({ feed: 'typeform', written: 1 })
    expect((await view('zendesk_user_id=31')).nps.responses.map((r) => r.score)).toEqual([8, 10])
  })

  it('stores the valid rows and names each bad one by row and field', async () => {
    const res = await postJson([
      {
        id: 'ok-1',
        kind: 'nps',
        score: 9,
        submittedAt: '2026-03-06T00:00:00Z',
        email: 'new.person@example.com',
      },
      { id: 'bad-1', kind: 'nps', score: 11, submittedAt: '2026-03-06T00:00:00Z', email: 'a@b.fr' },
      { id: 'bad-2', kind: 'stars', score: 3, submittedAt: 'yesterday', email: 'nope' },
      { id: 'ok-1', kind: 'nps', score: 9, submittedAt: '2026-03-06T00:00:00Z', email: 'a@b.fr' },
      {
        id: 'bad-3',
        kind: 'ces',
        score: 4,
        submittedAt: '2026-03-06T00:00:00Z',
        email: 'a@b.fr',
        ticket: { source: 'hubspot', id: '5' },
      },
    ])
    expect(res.status).toBe(200)
    expect(res.json?.accepted).toBe(1)
    const rejected = res.json?.rejected as { row: number; field: string; reason: string }[]
    expect(rejected.map((r) => `${r.row}:${r.field}`)).toEqual([
      '2:score',
      '3:kind',
      '3:submittedAt',
      '3:email',
      '4:id',
      '5:ticket.account',
    ])
    expect(rejected[0]!.reason).toContain('0–10')
    expect(rejected[4]!.reason).toBe('repeats the id of row 1')
    expect(res.text).not.toContain('a@b.fr')
    // A respondent no tool knows is a customer of their own.
    const v = await view('email=new.person@example.com')
    expect(v.nps.latest).toMatchObject({ score: 9, category: 'promoter' })
    expect(v.customer.identities.map((r) => r.source)).toEqual(['import'])
    expect(v.customer.identities[0]!.id).not.toContain('new.person')
  })

  it('answers 422 with every rejected row when none is valid', async () => {
    const res = await postJson([
      { id: 'x', kind: 'nps', score: -1, submittedAt: '2026-03-06T00:00:00Z', email: 'a@b.fr' },
      {
        id: 'y',
        kind: 'csat',
        score: 3,
        scale: { min: 5, max: 1 },
        submittedAt: '2026-03-06T00:00:00Z',
        email: 'a@b.fr',
      },
    ])
    expect(res.status).toBe(422)
    expect(res.type).toBe('application/problem+json')
    expect(res.json).toMatchObject({ status: 422, accepted: 0, written: 0 })
    expect(res.json?.rejected).toEqual([
      expect.objectContaining({ row: 1, field: 'score' }),
      // A score cannot be judged on a broken scale: only the scale is named.
      expect.objectContaining({ row: 2, field: 'scale' }),
    ])
    expect(res.json?.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'row.1.score' })]),
    )
  })

  it('refuses a body that is not a batch, an empty or too big one, and a missing key', async () => {
    expect((await call('POST', '/v1/responses', { token: t.apiKey, body: [] })).status).toBe(400)
    const empty = await postJson([])
    expect(empty.json?.errors).toEqual([expect.objectContaining({ field: 'body.responses' })])
    const many = Array.from({ length: 1001 }, (_, i) => ({ id: String(i) }))
    expect((await postJson(many)).status).toBe(400)
    const anonymous = await call('POST', '/v1/responses', { body: { responses: [{}] } })
    expect(anonymous.status).toBe(401)
    const badFeed = await postJson([batch[0]], '?feed=Not%20OK')
    expect(badFeed.json?.errors).toEqual([expect.objectContaining({ field: 'query.feed' })])
  })
})

describe('POST /v1/responses (CSV)', () => {
  it('reads RFC 4180 with a BOM: quotes, commas and line breaks of a French comment survive', async () => {
    const csv =
      '\uFEFFid,kind,score,comment,submitted_at,email,ticket_source,ticket_id,survey_name,Extra\r\n' +
      `csv-1,nps,2,"${COMMENT.replaceAll('"', '""')}",2026-04-01T08:00:00Z,chloe.dubois@example.fr,zendesk,77,"Enquête, avril",x\r\n` +
      'csv-2,nps,12,,2026-04-01T08:00:00Z,someone@example.com,,,,\r\n' +
      'csv-3,ces,abc,,2026-04-01T08:00:00Z,someone@example.com,,,,\r\n'
    const res = await postCsv(csv, '?feed=sheets')
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect(res.json).toMatchObject({
      feed: 'sheets',
      accepted: 1,
      written: 1,
      ignoredColumns: ['Extra'],
      rejected: [
        { row: 2, field: 'score', reason: expect.stringContaining('0–10') },
        { row: 3, field: 'score', reason: expect.any(String) },
      ],
    })
    const v = await view('zendesk_user_id=31')
    const csvAnswer = v.nps.responses.find((r) => r.ref.account === 'sheets')!
    expect(csvAnswer.comment).toBe(COMMENT)
    expect(csvAnswer.survey).toBe('Enquête, avril')
    expect(csvAnswer.ticket).toMatchObject({ source: 'zendesk', id: '77' })
    const again = await postCsv(csv, '?feed=sheets')
    expect(again.json).toMatchObject({ accepted: 1, written: 0, unchanged: 1 })
  })

  it('names a missing column and malformed quoting; refuses other content types', async () => {
    const missing = await postCsv('id,kind,score,submitted_at\r\nx,nps,1,2026-04-01T08:00:00Z\r\n')
    expect(missing.status).toBe(400)
    expect(missing.json.errors).toEqual([expect.objectContaining({ field: 'header.email' })])
    const broken = await postCsv('id,kind,score,submitted_at,email\r\n"x,nps,1\r\n')
    expect(broken.status).toBe(400)
    expect(broken.json.detail).toContain('line 2')
    const res = await exports.default.fetch(
      new Request('https://cxlens.test/v1/responses', {
        method: 'POST',
        headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'text/plain' },
        body: 'hello',
      }),
    )
    expect(res.status).toBe(415)
  })
})
