import { npsCategory, npsPoints, satisfactionCategory } from '../metrics/index.ts'
import type { SurveyResponse, ViewResponse } from '../model/index.ts'

/** A survey answer as the sidebars show it; NPS answers get promoter/passive/detractor. */
export function toViewResponse(r: SurveyResponse): ViewResponse {
  return {
    ref: r.ref,
    kind: r.kind,
    at: r.submittedAt,
    score: r.score,
    scale: r.scale,
    normalised: r.normalised,
    category: r.kind === 'nps' ? npsCategory(npsPoints(r)) : satisfactionCategory(r),
    comment: r.comment,
    sentiment: r.sentiment,
    survey: r.survey.name ?? r.survey.id,
    ticket: r.ticket,
  }
}
