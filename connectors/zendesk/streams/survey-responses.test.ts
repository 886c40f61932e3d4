import { describe, expect, it } from 'vitest'
import { ratingQuestion5, surveyResponse } from '../fixtures/raw.ts'
import { fakeHttp, testOptions } from '../fixtures/fake-http.ts'
import { surveyResponsesStream } from './survey-responses.ts'

const page = (responses: unknown[], after: string | null) => ({
  survey_responses: responses,
  meta: { has_more: after !== null, after_cursor: after },
  links: { next: null },
})

/** The show endpoint renders the rating question with its options. */
interface ListedResponse {
  answers: { type: string; question?: unknown }[]
}
const shown = <R extends ListedResponse>(response: R) => ({
  survey_response: {
    ...response,
    answers: response.answers.map((a): { type: string; question?: unknown } =>
      a.type === 'rating_scale' ? { ...a, question: ratingQuestion5 } : a,
    ),
  },
})

describe('survey_responses stream', () => {
  it('learns the scale once per survey version from the show endpoint', async () => {
    const stream = surveyResponsesStream(testOptions)
    const other = { ...surveyResponse, id: '01J1WB51MG6HXTYWE6Q0C93RNX' }
    const { ctx, calls } = fakeHttp([
      page([surveyResponse], 'a1'),
      shown(surveyResponse),
      page([other], null),
    ])
    const first = await stream.fetchPage(null, ctx)
    const second = await stream.fetchPage(first.cursor, ctx)
    expect(calls.map((c) => c.url.pathname)).toEqual([
      '/api/v2/guide/survey_responses',
      `/api/v2/guide/en-us/survey_responses/${surveyResponse.id}`,
      '/api/v2/guide/survey_responses',
    ])
    const list = [calls[0]!, calls[2]!].map((c) => c.url.searchParams)
    expect(list.map((p) => p.get('filter[created_at_start]'))).toEqual([
      '1700000000000',
      '1700000000000',
    ])
    expect(list.map((p) => p.get('page[size]'))).toEqual(['50', '50'])
    expect(list.map((p) => p.get('page[after]'))).toEqual([null, 'a1'])
    expect([first.done, second.done]).toEqual([false, true])
    const [record] = stream.map(second.items[0]!)
    expect(record?.kind === 'survey_response' && record.record.scale).toEqual({ min: 1, max: 5 })
    expect(record?.kind === 'survey_response' && record.record.labels?.[4]).toBe('Very satisfied')
    const watermark = JSON.parse(second.cursor)
    expect(watermark.newest).toBe(Date.parse('2024-08-14T12:00:00Z') / 1000)
  })

  it('keeps what a survey version says in the connection cache: a later run asks no more', async () => {
    const stored = new Map<string, string>()
    const cache = {
      get: (k: string) => stored.get(k) ?? null,
      set: (k: string, v: string) => void stored.set(k, v),
    }
    const firstRun = fakeHttp([page([surveyResponse], null), shown(surveyResponse)])
    await surveyResponsesStream(testOptions).fetchPage(null, { ...firstRun.ctx, cache })
    const laterRun = fakeHttp([page([surveyResponse], null)])
    const later = await surveyResponsesStream(testOptions).fetchPage(null, {
      ...laterRun.ctx,
      cache,
    })
    expect(laterRun.calls.map((c) => c.url.pathname)).toEqual(['/api/v2/guide/survey_responses'])
    const [record] = surveyResponsesStream(testOptions).map(later.items[0]!)
    expect(record?.kind === 'survey_response' && record.record.scale).toEqual({ min: 1, max: 5 })
  })

  it('takes reason labels from the survey version when selections only carry option ids', async () => {
    const reasons = {
      type: 'closed_ended',
      question: { id: 'q2', type: 'closed_ended' },
      selections: [{ type: 'predefined', option_id: 'o1' }],
      created_at: '2024-08-14T12:00:05.000Z',
      updated_at: '2024-08-14T12:00:05.000Z',
    }
    const bare = { ...surveyResponse, answers: [surveyResponse.answers[0]!, reasons] }
    const full = shown(bare)
    full.survey_response.answers[1] = {
      ...reasons,
      question: {
        ...reasons.question,
        options: [{ id: 'o1', label: { type: 'static', value: 'Trop lent' } }],
      },
    } as never
    const { ctx } = fakeHttp([page([bare], null), full])
    const stream = surveyResponsesStream(testOptions)
    const result = await stream.fetchPage(null, ctx)
    const [record] = stream.map(result.items[0]!)
    expect(record?.kind === 'survey_response' && record.record.reasons).toEqual(['Trop lent'])
  })

  it('needs no extra call when the answer carries its options', async () => {
    const withOptions = shown({
      ...surveyResponse,
      answers: [surveyResponse.answers[0]!],
    }).survey_response
    const { ctx, calls } = fakeHttp([page([withOptions], null)])
    const stream = surveyResponsesStream(testOptions)
    const result = await stream.fetchPage(null, ctx)
    expect(calls).toHaveLength(1)
    expect(stream.map(result.items[0]!)).toHaveLength(1)
  })

  it('leaves a malformed response to the mapper (quarantine), not the page', async () => {
    const { ctx } = fakeHttp([page([{ id: 'x', answers: 'nope' }], null)])
    const stream = surveyResponsesStream(testOptions)
    const result = await stream.fetchPage(null, ctx)
    expect(stream.idOf(result.items[0]!)).toBe('x')
    expect(() => stream.map(result.items[0]!)).toThrow(/survey_response/)
  })
})
