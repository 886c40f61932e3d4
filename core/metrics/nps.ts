import type { NpsCategory } from '../model/index.ts'

type Scored = { score: number; scale?: { min: number; max: number } }

/**
 * NPS convention: 9–10 promoter, 7–8 passive, 0–6 detractor. Total: every entry refuses an answer
 * off 0–10 (core/model/bounds.ts), so one that slipped into storage must not stop a derive; it is
 * read clamped onto the scale, and a non-number as the lowest answer.
 */
export function npsCategory(score: number): NpsCategory {
  const points = Number.isNaN(score) ? 0 : score
  return points >= 9 ? 'promoter' : points >= 7 ? 'passive' : 'detractor'
}

/**
 * An answer on the 0–10 NPS scale. Answers on another scale (rare, an import) are mapped onto it
 * linearly and rounded to the nearest point, so the usual category boundaries still apply.
 */
export function npsPoints(answer: Scored): number {
  const { score, scale } = answer
  if (!scale || (scale.min === 0 && scale.max === 10)) return onNpsScale(score)
  // Scaled per end, so huge ends cannot overflow to Infinity − Infinity.
  const position = (score / 2 - scale.min / 2) / (scale.max / 2 - scale.min / 2)
  return onNpsScale(Math.round(position * 10))
}

/** A value as an NPS answer: clamped onto 0–10, a non-number (never stored) read as 0. */
function onNpsScale(value: number): number {
  if (Number.isNaN(value)) return 0
  return Math.min(10, Math.max(0, value))
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
