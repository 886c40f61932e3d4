import { npsPoints } from '../metrics/index.ts'
import type { FrictionSettings, SurveyResponse } from '../model/index.ts'
import {
  DAY,
  SURVEY_LABEL,
  at,
  frictionPoint,
  responseEvidence,
  type FrictionRule,
} from './rule.ts'

/**
 * A survey answer whose verbatim is negative: the source's sentiment says so, or, when the source
 * gives no sentiment, a low score came with a written comment (someone who takes the time to write
 * under a bad score is telling us something). An explicit neutral/positive sentiment is trusted.
 * Open while recent (`lowCsatWindowDays`); high when the sentiment and the score are both bad.
 */
export const negativeSentiment: FrictionRule = (timeline, settings, now) =>
  timeline.responses.flatMap((r) => {
    const low = isLowScore(r, settings)
    const hasComment = (r.comment ?? '').trim() !== ''
    const fires = r.sentiment === 'negative' || (r.sentiment === null && low && hasComment)
    if (!fires) return []
    return [
      frictionPoint('negative_sentiment', {
        severity: r.sentiment === 'negative' && low ? 'high' : 'medium',
        since: r.submittedAt,
        open: now - at(r.submittedAt) <= settings.lowCsatWindowDays * DAY,
        reason: `Negative feedback in a ${SURVEY_LABEL[r.kind]} answer`,
        params: {
          survey: r.kind,
          score: r.score,
          basis: r.sentiment === 'negative' ? 'sentiment' : 'low_score_comment',
        },
        evidence: responseEvidence(r, timeline),
      }),
    ]
  })

function isLowScore(r: SurveyResponse, settings: FrictionSettings): boolean {
  if (r.kind === 'nps') return npsPoints(r) <= settings.npsDetractorMax
  return r.normalised <= settings.lowCsatNormalisedMax + 1e-9
}
