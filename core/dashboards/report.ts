import type { FrictionKind } from '../model/index.ts'
import type { Month } from './contributions.ts'

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits

export interface NpsMonth {
  month: Month
  /** % promoters − % detractors, −100 to 100, one decimal. */
  score: number
  promoters: number
  passives: number
  detractors: number
  answers: number
}

/** NPS per month from summed answer counts (months without answers are absent). */
export function npsReport(
  months: readonly { month: Month; promoters: number; passives: number; detractors: number }[],
) {
  const rows: NpsMonth[] = months.map((m) => {
    const answers = m.promoters + m.passives + m.detractors
    return { ...m, score: npsOf(m.promoters, m.detractors, answers), answers }
  })
  const sum = (f: 'promoters' | 'passives' | 'detractors') => rows.reduce((s, r) => s + r[f], 0)
  const answers = rows.reduce((s, r) => s + r.answers, 0)
  return {
    months: rows,
    overall: {
      score: answers ? npsOf(sum('promoters'), sum('detractors'), answers) : null,
      promoters: sum('promoters'),
      passives: sum('passives'),
      detractors: sum('detractors'),
      answers,
    },
  }
}

function npsOf(promoters: number, detractors: number, answers: number): number {
  return round(((promoters - detractors) / answers) * 100, 1)
}

export interface RatingMonth {
  month: Month
  /** Share of satisfied answers, 0–100, one decimal. */
  satisfiedPercent: number
  /** Mean answer on a 0 (worst) – 1 (best) scale, comparable across scales. */
  averageNormalised: number
  satisfied: number
  neutral: number
  unsatisfied: number
  answers: number
}

/** CSAT or CES trend per month from summed answers. */
export function ratingReport(
  months: readonly {
    month: Month
    satisfied: number
    neutral: number
    unsatisfied: number
    normalisedSum: number
  }[],
) {
  const rows: RatingMonth[] = months.map(({ normalisedSum, ...m }) => {
    const answers = m.satisfied + m.neutral + m.unsatisfied
    return {
      ...m,
      satisfiedPercent: round((m.satisfied / answers) * 100, 1),
      averageNormalised: round(normalisedSum / answers, 4),
      answers,
    }
  })
  return { months: rows }
}

/** Friction points by the month they started, per kind, with how many are still open. */
export function frictionReport(
  rows: readonly { month: Month; kind: string; points: number; open: number }[],
) {
  const months = new Map<
    Month,
    {
      month: Month
      points: number
      open: number
      kinds: Record<string, { points: number; open: number }>
    }
  >()
  for (const row of rows) {
    const month = months.get(row.month) ?? { month: row.month, points: 0, open: 0, kinds: {} }
    month.points += row.points
    month.open += row.open
    const kind = (month.kinds[row.kind as FrictionKind] ??= { points: 0, open: 0 })
    kind.points += row.points
    kind.open += row.open
    months.set(row.month, month)
  }
  return { months: [...months.values()] }
}
