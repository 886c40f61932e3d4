import { exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import delightedResponses from '../../apps/worker/imports/presets/fixtures/delighted-responses.json?raw'
import delightedWebhook from '../../apps/worker/imports/presets/fixtures/delighted-webhook.json?raw'
import qualtrics from '../../apps/worker/imports/presets/fixtures/qualtrics.csv?raw'
import surveymonkey from '../../apps/worker/imports/presets/fixtures/surveymonkey.csv?raw'
import typeformResponses from '../../apps/worker/imports/presets/fixtures/typeform-responses.json?raw'
import typeformWebhook from '../../apps/worker/imports/presets/fixtures/typeform-webhook.json?raw'
import { call, createTenant } from './http.ts'
import { install } from './outbound.ts'

let t: { tenantId: string; apiKey: string }

async function post(query: string, type: string, body: string) {
  const res = await exports.default.fetch(
    new Request(`https://cxlens.test/v1/responses?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': type },
      body,
    }),
  )
  return { status: res.status, type: res.headers.get('content-type'), json: await res.json() }
}

beforeAll(async () => {
  install()
  t = await createTenant('Presets')
})

const CASES = [
  ['delighted', 'application/json', delightedResponses, 3],
  ['delighted', 'application/json', delightedWebhook, 1],
  ['typeform', 'application/json', typeformWebhook, 1],
  ['typeform', 'application/json', typeformResponses, 2],
  ['surveymonkey', 'text/csv', surveymonkey, 3],
  ['qualtrics', 'text/csv', qualtrics, 3],
] as const

describe('POST /v1/responses?preset=', () => {
  it.each(CASES)(
    '%s imports its documented export, every row accepted',
    async (preset, type, body, rows) => {
      const res = await post(`feed=${preset}&preset=${preset}`, type, body)
      expect(res.status, JSON.stringify(res.json)).toBe(200)
      expect(res.json).toMatchObject({ feed: preset, preset, accepted: rows, rejected: [] })
    },
  )

  it('the answers land in the dashboards under the import tool', async () => {
    const res = await call('GET', '/v1/dashboards/nps?source=import&from=2026-01&to=2026-01', {
      token: t.apiKey,
    })
    const months = (res.json as { months: { answers: number }[] }).months
    // January: Delighted 3 NPS (one webhook), Typeform 3, SurveyMonkey 3, Qualtrics 1.
    expect(months.map((m) => m.answers)).toEqual([10])
  })

  it('refuses another content type (415) and another tool’s layout (400), as problems', async () => {
    const wrongType = await post('preset=qualtrics', 'application/json', '{}')
    expect(wrongType.status).toBe(415)
    const wrongLayout = await post('preset=qualtrics', 'text/csv', surveymonkey)
    expect(wrongLayout.status).toBe(400)
    expect(wrongLayout.type).toContain('application/problem+json')
    expect((await post('preset=medallia', 'text/csv', qualtrics)).status).toBe(400)
  })
})
