import { npsPoints } from '../metrics/index.ts'
import type { FrictionSettings, SurveyResponse, Verbatim } from '../model/index.ts'
import { themesOf } from './themes.ts'

export const VERBATIMS_MAX = 5

type UnhappySettings = Pick<FrictionSettings, 'npsDetractorMax' | 'lowCsatNormalisedMax'>

/**
 * The comments of unhappy answers, newest first: NPS detractors (≤ `npsDetractorMax`) and CSAT/CES
 * answers at or under `lowCsatNormalisedMax`, with a written comment. At most 5 kept, all counted.
 * `responses` oldest first, as a timeline holds them.
 */
export function selectVerbatims(
  responses: readonly SurveyResponse[],
  settings: UnhappySettings,
): { items: Verbatim[]; total: number } {
  const unhappy = unhappyComments(responses, settings)
  return { items: unhappy.slice(-VERBATIMS_MAX).reverse().map(toVerbatim), total: unhappy.length }
}

/** Every answer `selectVerbatims` counts, in the order given (the dashboards keep them all). */
export function unhappyComments(
  responses: readonly SurveyResponse[],
  settings: UnhappySettings,
): SurveyResponse[] {
  return responses.filter((r) => (r.comment ?? '').trim() !== '' && isUnhappy(r, settings))
}

/** An unhappy answer's comment, trimmed, with its language and themes. */
export function toVerbatim(r: SurveyResponse): Verbatim {
  const comment = r.comment!.trim()
  return {
    ref: r.ref,
    kind: r.kind,
    at: r.submittedAt,
    score: r.score,
    scale: r.scale,
    comment,
    ...themesOf(comment),
    ticket: r.ticket,
  }
}

function isUnhappy(r: SurveyResponse, settings: UnhappySettings): boolean {
  if (r.kind === 'nps') return npsPoints(r) <= settings.npsDetractorMax
  if (r.kind === 'csat' || r.kind === 'ces')
    return r.normalised <= settings.lowCsatNormalisedMax + 1e-9
  return false
}
