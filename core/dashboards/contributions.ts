import { npsCategory, npsPoints, satisfactionCategory } from '../metrics/index.ts'
import {
  refKey,
  type CustomerView,
  type FrictionKind,
  type FrictionSettings,
  type RiskLevel,
  type Source,
  type SurveyResponse,
} from '../model/index.ts'
import { verbatimRows, type VerbatimRow } from './verbatims.ts'

/** A calendar month in UTC, `2026-01`: the dashboards' time bucket. */
export type Month = string

export const monthOf = (instant: string): Month => new Date(instant).toISOString().slice(0, 7)

export interface NpsMonthRow {
  month: Month
  source: Source
  promoters: number
  passives: number
  detractors: number
}

/** CSAT and CES alike: answers by where they fall on their own scale, plus the normalised sum. */
export interface RatingMonthRow {
  month: Month
  source: Source
  satisfied: number
  neutral: number
  unsatisfied: number
  normalisedSum: number
}

export interface FrictionMonthRow {
  month: Month
  source: Source
  kind: FrictionKind
  points: number
  open: number
}

/** A customer to call back: a detractor (latest NPS answer) with open friction. */
export interface WorklistRow {
  displayName: string
  risk: RiskLevel
  latestDetractorAt: string
  source: Source
  score: number
  openFriction: number
}

/** One customer's share of every dashboard: replaced whole each time the customer is derived. */
export interface DashboardContribution {
  nps: NpsMonthRow[]
  csat: RatingMonthRow[]
  ces: RatingMonthRow[]
  friction: FrictionMonthRow[]
  worklist: WorklistRow | null
  /** Every commented detractor / unsatisfied answer (the verbatims dashboard). */
  verbatims: VerbatimRow[]
}

function ratingRows(answers: readonly SurveyResponse[]): RatingMonthRow[] {
  const rows = new Map<string, RatingMonthRow>()
  for (const answer of answers) {
    const month = monthOf(answer.submittedAt)
    const source = answer.ref.source
    const key = `${month}|${source}`
    const row = rows.get(key) ?? {
      month,
      source,
      satisfied: 0,
      neutral: 0,
      unsatisfied: 0,
      normalisedSum: 0,
    }
    row[satisfactionCategory(answer)]++
    const normalised = Number.isFinite(answer.normalised) ? answer.normalised : 0
    row.normalisedSum += Math.min(1, Math.max(0, normalised))
    rows.set(key, row)
  }
  return [...rows.values()]
}

function npsRows(answers: readonly SurveyResponse[]): NpsMonthRow[] {
  const rows = new Map<string, NpsMonthRow>()
  const field = { promoter: 'promoters', passive: 'passives', detractor: 'detractors' } as const
  for (const answer of answers) {
    const month = monthOf(answer.submittedAt)
    const source = answer.ref.source
    const key = `${month}|${source}`
    const row = rows.get(key) ?? { month, source, promoters: 0, passives: 0, detractors: 0 }
    row[field[npsCategory(npsPoints(answer))]]++
    rows.set(key, row)
  }
  return [...rows.values()]
}

function frictionRows(view: CustomerView): FrictionMonthRow[] {
  const rows = new Map<string, FrictionMonthRow>()
  for (const point of view.friction) {
    const month = monthOf(point.since)
    const source = point.evidence[0]!.source
    const key = `${month}|${source}|${point.kind}`
    const row = rows.get(key) ?? { month, source, kind: point.kind, points: 0, open: 0 }
    row.points++
    if (point.open) row.open++
    rows.set(key, row)
  }
  return [...rows.values()]
}

function worklistRow(answers: readonly SurveyResponse[], view: CustomerView): WorklistRow | null {
  const latest = answers.reduce<SurveyResponse | null>(
    (newest, a) => (newest && newest.submittedAt >= a.submittedAt ? newest : a),
    null,
  )
  if (!latest) return null
  const score = npsPoints(latest)
  const openFriction = view.friction.filter((f) => f.open).length
  if (npsCategory(score) !== 'detractor' || openFriction === 0) return null
  return {
    displayName: view.customer.displayName,
    risk: view.focus?.risk.level ?? 'watch',
    latestDetractorAt: new Date(latest.submittedAt).toISOString(),
    source: latest.ref.source,
    score,
    openFriction,
  }
}

/**
 * What one customer adds to the CX dashboards, from the answers the derive loaded (all of them,
 * not the view's possibly capped lists) and the view it wrote (friction, risk). Deleted answers
 * count nowhere, and an answer counts once: for its respondent's customer; months are UTC calendar months of the answer (or the friction's start).
 */
export function dashboardContribution(
  responses: readonly SurveyResponse[],
  view: CustomerView,
  /** refKeys of the customer's people, merged-away ones included. */
  members: ReadonlySet<string>,
  /** The tenant's marks for a detractor and a low rating (what the view's verbatims follow). */
  settings: Pick<FrictionSettings, 'npsDetractorMax' | 'lowCsatNormalisedMax'>,
): DashboardContribution {
  // An answer loaded for its ticket but given by someone else counts for its respondent only.
  const live = responses.filter(
    (r) => !r.deleted && (r.respondent === null || members.has(refKey(r.respondent))),
  )
  const nps = live.filter((r) => r.kind === 'nps')
  return {
    nps: npsRows(nps),
    csat: ratingRows(live.filter((r) => r.kind === 'csat')),
    ces: ratingRows(live.filter((r) => r.kind === 'ces')),
    friction: frictionRows(view),
    worklist: worklistRow(nps, view),
    verbatims: verbatimRows(live, view, settings),
  }
}
