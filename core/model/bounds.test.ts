import { describe, expect, it } from 'vitest'
import { hasSoundScore, instantIssue, scaleIssue, scoreIssue } from './bounds.ts'
import { SurveyResponse } from './survey-response.ts'

const NOW = Date.parse('2026-06-01T12:00:00Z')

describe('the model bounds every entry shares', () => {
  it('dates: from 2000-01-01 to five minutes past now', () => {
    expect(instantIssue('2000-01-01T00:00:00Z', NOW)).toBeNull()
    expect(instantIssue('2026-06-01T12:04:59Z', NOW)).toBeNull()
    expect(instantIssue('2026-06-01T12:05:01Z', NOW)).toBe('is in the future')
    expect(instantIssue('9999-12-31T00:00:00Z', NOW)).toBe('is in the future')
    expect(instantIssue('1999-12-31T23:59:59Z', NOW)).toBe('is before 2000-01-01')
    expect(instantIssue('1970-01-01T00:00:00Z', NOW)).toBe('is before 2000-01-01')
    expect(instantIssue('0001-01-01T00:00:00Z', NOW)).toBe('is before 2000-01-01')
    expect(instantIssue('yesterday', NOW)).toBe('is not a date')
  })

  it('NPS is an integer 0–10 on 0–10, nothing else', () => {
    expect(scoreIssue('nps', 10, { min: 0, max: 10 })).toBeNull()
    expect(scoreIssue('nps', 0, { min: 0, max: 10 })).toBeNull()
    expect(scoreIssue('nps', 1.5, { min: 0, max: 10 })).toMatch(/integer/)
    expect(scoreIssue('nps', 11, { min: 0, max: 10 })).toMatch(/0–10/)
    expect(scoreIssue('nps', 3, { min: 1, max: 5 })).toMatch(/0–10/)
    expect(scoreIssue('nps', 1e308, { min: -1e308, max: 1e308 })).toMatch(/0–10/)
  })

  it('CSAT/CES scales: integer ends, min < max, at most 100 points, finite scores on them', () => {
    expect(scaleIssue('csat', { min: 1, max: 5 })).toBeNull()
    expect(scaleIssue('ces', { min: 1, max: 7 })).toBeNull()
    expect(scaleIssue('custom', { min: 0, max: 100 })).toBeNull()
    expect(scaleIssue('csat', { min: 5, max: 5 })).toMatch(/greater/)
    expect(scaleIssue('csat', { min: 0, max: 101 })).toMatch(/100/)
    expect(scaleIssue('csat', { min: 0.5, max: 5 })).toMatch(/integers/)
    expect(scaleIssue('ces', { min: -1e308, max: 1e308 })).not.toBeNull()
    expect(scaleIssue('ces', { min: Number.NaN, max: 7 })).not.toBeNull()
    expect(scoreIssue('csat', Number.POSITIVE_INFINITY, { min: 1, max: 5 })).toMatch(/finite/)
    expect(scoreIssue('csat', 6, { min: 1, max: 5 })).toMatch(/1–5/)
    expect(hasSoundScore({ kind: 'csat', score: 4, scale: { min: 1, max: 5 } })).toBe(true)
    expect(hasSoundScore({ kind: 'nps', score: 1e308, scale: { min: -1e308, max: 1e308 } })).toBe(
      false,
    )
  })

  it('the SurveyResponse schema, which every mapper output passes, applies them', () => {
    const response = {
      ref: { source: 'import', account: 'api', object: 'response', id: '1' },
      kind: 'nps',
      score: 9,
      scale: { min: 0, max: 10 },
      normalised: 0.9,
      comment: null,
      reasons: [],
      sentiment: null,
      submittedAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
      respondent: null,
      ticket: null,
      survey: { id: 's', name: null, channel: null },
      deleted: false,
    }
    expect(SurveyResponse.safeParse(response).success).toBe(true)
    const paths = (over: object) =>
      SurveyResponse.safeParse({ ...response, ...over }).error?.issues.map((i) => i.path.join('.'))
    expect(paths({ score: 9.5 })).toEqual(['score'])
    expect(paths({ submittedAt: '1970-01-01T00:00:00.000Z' })).toEqual(['submittedAt'])
    expect(paths({ updatedAt: '9999-12-31T00:00:00.000Z' })).toEqual(['updatedAt'])
  })
})
