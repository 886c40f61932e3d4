import type { NpsCategory } from '../model/index.ts'

type Scored = { score: number; scale?: { min: number; max: number } }

/** NPS convention: 9–10 promoter, 7–8 passive, 0–6 detractor. */
export function npsCategory(score: number): NpsCategory {
  if (!Number.isFinite(score) || score < 0 || score > 10) {
    throw new RangeError(`NPS score must lie between 0 and 10, got ${score}`)
  }
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor'
}

/**
 * An answer on the 0–10 NPS scale. Answers on another scale (rare, an import) are mapped onto it
 * linearly and rounded to the nearest point, so the usual category boundaries still apply.
 */
export function npsPoints(answer: Scored): number {
  const scale = answer.scale
  if (!scale || (scale.min === 0 && scale.max === 10)) return answer.score
  return Math.round(((answer.score - scale.min) / (scale.max - scale.min)) * 10)
}

/**
 * Net Promoter Score: % promoters − % detractors, passives counted in neither, from −100 to 100.
 * Unrounded; null without answers (0 would claim a balanced score).
 */
export function npsScore(responses: readonly Scored[]): number | null {
  if (responses.length === 0) return null
  let promoters = 0
  let detractors = 0
  for (const response of responses) {
    const category = npsCategory(npsPoints(response))
    if (category === 'promoter') promoters++
    else if (category === 'detractor') detractors++
  }
  return ((promoters - detractors) / responses.length) * 100
}
