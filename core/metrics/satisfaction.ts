export type SatisfactionCategory = 'satisfied' | 'neutral' | 'unsatisfied'

type Rated = { score: number; scale: { min: number; max: number } }

/**
 * Where a CSAT or CES answer falls, from its position on its own scale (0 worst, 1 best):
 * above the middle is satisfied, the exact middle neutral, below unsatisfied. So a 2-point scale
 * is bad/good, a 3-point scale's middle is neutral (not satisfied), on 1–5 only 4 and 5 are
 * satisfied, on 1–7 (CES) 5–7 are, and an even scale (1–4) has no neutral answer.
 * Computed from the score, not a stored ratio, so 3 on 1–5 is exactly the middle.
 */
export function satisfactionCategory(answer: Rated): SatisfactionCategory {
  const { min, max } = answer.scale
  // Distance above the low end minus distance below the high end: exact for integer scores on a
  // sane scale; a value no entry accepts (NaN, Infinity) reads as neutral rather than throwing.
  const side = answer.score - min - (max - answer.score)
  return side > 0 ? 'satisfied' : side < 0 ? 'unsatisfied' : 'neutral'
}

/** CSAT: share of satisfied answers among all answers, 0–100; null without answers. */
export function satisfiedPercent(answers: readonly Rated[]): number | null {
  if (answers.length === 0) return null
  const satisfied = answers.filter((a) => satisfactionCategory(a) === 'satisfied').length
  return (satisfied / answers.length) * 100
}

/** Mean of normalised answers (0 worst, 1 best): comparable across scales; null without answers. */
export function averageNormalised(answers: readonly { normalised: number }[]): number | null {
  const known = answers.map((a) => a.normalised).filter(Number.isFinite)
  if (known.length === 0) return null
  return known.reduce((sum, n) => sum + Math.min(1, Math.max(0, n)), 0) / known.length
}

/**
 * CES as usually reported: the mean score on the survey's own scale. Only meaningful when every
 * answer shares one scale, so mixed scales give null (use averageNormalised then).
 */
export function cesAverage(answers: readonly Rated[]): number | null {
  const first = answers[0]
  if (!first) return null
  const sameScale = answers.every(
    (a) => a.scale.min === first.scale.min && a.scale.max === first.scale.max,
  )
  if (!sameScale) return null
  const scores = answers.map((a) => a.score).filter(Number.isFinite)
  if (scores.length === 0) return null
  // Each term divided first: the sum of huge scores cannot overflow.
  return scores.reduce((sum, score) => sum + score / scores.length, 0)
}
