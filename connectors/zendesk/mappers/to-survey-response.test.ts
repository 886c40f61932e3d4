import { describe, expect, it } from 'vitest'
import { UnifiedRecord, type SurveyResponse } from '../../../core/model/index.ts'
import { MapError } from '../../../core/sync/types.ts'
import { ratingQuestion5, satisfactionRating, surveyResponse } from '../fixtures/raw.ts'
import {
  toSurveyResponseFromCsat,
  toSurveyResponseFromRating,
  type SurveyVersionInfo,
} from './to-survey-response.ts'

const only = (records: UnifiedRecord[]): SurveyResponse => {
  records.forEach((r) => UnifiedRecord.parse(r))
  const [record] = records
  if (record?.kind !== 'survey_response' || records.length !== 1) throw new Error('expected one')
  return record.record
}

describe('toSurveyResponseFromRating (legacy CSAT)', () => {
  it('maps good to 2 and bad to 1 on a 1–2 scale', () => {
    const good = only(toSurveyResponseFromRating(satisfactionRating, 'acme'))
    expect(good).toMatchObject({
      kind: 'csat',
      score: 2,
      scale: { min: 1, max: 2 },
      normalised: 1,
      labels: ['Bad', 'Good'],
      comment: 'Très bien, merci ! 😀',
      reasons: [],
      submittedAt: '2011-07-21T08:00:00.000Z',
    })
    expect(good.ref).toMatchObject({ object: 'satisfaction_rating', id: '35436' })
    expect(good.ticket?.url).toBe('https://acme.zendesk.com/agent/tickets/208')
    expect(good.respondent?.id).toBe('7881')
    const bad = only(
      toSurveyResponseFromRating(
        { ...satisfactionRating, score: 'bad', comment: '', reason: 'Trop lent' },
        'acme',
      ),
    )
    expect(bad).toMatchObject({ score: 1, normalised: 0, comment: null, reasons: ['Trop lent'] })
  })

  it('emits nothing for offered and unoffered ratings', () => {
    expect(toSurveyResponseFromRating({ ...satisfactionRating, score: 'offered' }, 'a')).toEqual([])
    expect(toSurveyResponseFromRating({ ...satisfactionRating, score: 'unoffered' }, 'a')).toEqual(
      [],
    )
  })

  it('rejects a rating without a score', () => {
    const { score: _score, ...noScore } = satisfactionRating
    expect(() => toSurveyResponseFromRating(noScore, 'acme')).toThrow(MapError)
  })
})

describe('toSurveyResponseFromCsat', () => {
  const five: SurveyVersionInfo = { scale: { points: 5, labels: null }, optionLabels: {} }
  const onScale = (n: number): SurveyVersionInfo => ({
    scale: { points: n, labels: null },
    optionLabels: {},
  })

  it('scores the rating answer on its scale, with reasons and comment', () => {
    const r = only(toSurveyResponseFromCsat({ response: surveyResponse, survey: five }, 'acme'))
    expect(r).toMatchObject({
      kind: 'csat',
      score: 2,
      scale: { min: 1, max: 5 },
      normalised: 0.25,
      comment: 'Trop long… 😤',
      reasons: ['The issue took too long to resolve', "L'agent n'était pas clair"],
      submittedAt: '2024-08-14T12:00:00.000Z',
      updatedAt: '2024-08-14T12:03:00.000Z',
      survey: { id: '01J58KJ9RAE0D2EK7HRVM7Z8F2', name: null, channel: null },
    })
    expect(r.ref).toMatchObject({ object: 'survey_response', id: '01J1WB51MG6HXTYWE6Q0C93RNW' })
    expect(r.ticket?.id).toBe('99')
    expect(r.respondent?.id).toBe('4398080151295')
    expect(r.labels).toBeUndefined()
  })

  it('reads the scale and labels from the question options when the answer carries them', () => {
    const [rating, ...rest] = surveyResponse.answers
    const withOptions = {
      ...surveyResponse,
      answers: [{ ...rating, rating: 5, question: ratingQuestion5 }, ...rest],
    }
    const r = only(toSurveyResponseFromCsat({ response: withOptions, survey: null }, 'acme'))
    expect(r).toMatchObject({ score: 5, normalised: 1, scale: { min: 1, max: 5 } })
    expect(r.labels).toEqual([
      'Very unsatisfied',
      'Unsatisfied',
      'Neutral',
      'Satisfied',
      'Very satisfied',
    ])
  })

  it.each([
    [2, 1, 0],
    [2, 2, 1],
    [3, 2, 0.5],
    [5, 4, 0.75],
  ])('normalises on a %i-point scale: %i → %f', (points, rating, normalised) => {
    const [first, ...rest] = surveyResponse.answers
    const response = { ...surveyResponse, answers: [{ ...first, rating }, ...rest] }
    const r = only(toSurveyResponseFromCsat({ response, survey: onScale(points) }, 'a'))
    expect(r.normalised).toBeCloseTo(normalised)
  })

  it('finds the ticket from a zrn when subjects are absent', () => {
    const { subjects: _s, ...zrnOnly } = surveyResponse
    const r = only(toSurveyResponseFromCsat({ response: zrnOnly, survey: five }, 'acme'))
    expect(r.ticket?.id).toBe('99')
  })

  it('emits nothing when the rating question was skipped', () => {
    const skipped = {
      ...surveyResponse,
      answers: [{ type: 'skipped', question: { type: 'rating_scale_numeric' } }],
    }
    expect(toSurveyResponseFromCsat({ response: skipped, survey: five }, 'acme')).toEqual([])
  })

  it('rejects a rating off its scale or of unknown scale', () => {
    const [first, ...rest] = surveyResponse.answers
    const four = { ...surveyResponse, answers: [{ ...first, rating: 4 }, ...rest] }
    expect(() => toSurveyResponseFromCsat({ response: four, survey: onScale(3) }, 'a')).toThrow(
      MapError,
    )
    expect(() => toSurveyResponseFromCsat({ response: surveyResponse, survey: null }, 'a')).toThrow(
      /scale/,
    )
  })
})
