import { describe, expect, it } from 'vitest'
import { negativeSentiment } from './negative-sentiment.ts'
import { DAYS, NOW, ago, defaults, response, timeline } from './records.fixtures.ts'

describe('negativeSentiment', () => {
  it('fires on negative sentiment, high when the score is low too', () => {
    const responses = [
      response('neg-low', 'csat', 1, { sentiment: 'negative' }),
      response('neg-high', 'nps', 9, { sentiment: 'negative' }),
      response('pos-low', 'csat', 1, { sentiment: 'positive', comment: 'ok' }),
    ]
    const points = negativeSentiment(timeline({ responses }), defaults, NOW)
    expect(points.map((p) => [p.evidence[0]?.id, p.severity, p.params.basis])).toEqual([
      ['neg-low', 'high', 'sentiment'],
      ['neg-high', 'medium', 'sentiment'],
    ])
  })

  it('without a sentiment, fires on a low score that came with a comment', () => {
    const responses = [
      response('nps-6', 'nps', 6, { comment: 'Too slow' }),
      response('nps-7', 'nps', 7, { comment: 'Fine' }),
      response('csat-3', 'csat', 3, { comment: 'Meh' }), // 0.5: at the low mark
      response('csat-4', 'csat', 4, { comment: 'Good' }),
      response('blank', 'csat', 1, { comment: '   ' }),
    ]
    const points = negativeSentiment(timeline({ responses }), defaults, NOW)
    expect(points.map((p) => [p.evidence[0]?.id, p.params.basis, p.reason])).toEqual([
      ['nps-6', 'low_score_comment', 'Negative feedback in a NPS answer'],
      ['csat-3', 'low_score_comment', 'Negative feedback in a CSAT answer'],
    ])
  })

  it('closes after the low-rating window', () => {
    const old = response('old', 'csat', 1, { sentiment: 'negative', submittedAt: ago(31 * DAYS) })
    expect(negativeSentiment(timeline({ responses: [old] }), defaults, NOW)[0]?.open).toBe(false)
  })
})
