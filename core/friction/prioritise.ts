import { compareText } from '../identity/index.ts'
import { npsPoints } from '../metrics/index.ts'
import type { FrictionGroup, FrictionPoint, FrictionSettings, Severity } from '../model/index.ts'
import { activityIndex, type PointActivity } from './activity.ts'
import { groupPoints } from './group.ts'
import { nextStepOf } from './next-step.ts'
import { DAY } from './rule.ts'
import type { Timeline } from './timeline.ts'

/**
 * Severity sets the scale; recency and the boosts move a point within it. Boosts add at most half
 * (contacts 0.3, NPS 0.2), and each weight is more than 1.5 times the next, so at the same age a
 * more severe point always ranks first: 60 × 1.5 = 90 < 100, 35 × 1.5 < 60, 20 × 1.5 < 35.
 */
export const SEVERITY_WEIGHT: Record<Severity, number> = {
  critical: 100,
  high: 60,
  medium: 35,
  low: 20,
}
const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 }

/** A point's weight halves for every 30 days without activity on its evidence. */
export const RECENCY_HALF_LIFE_DAYS = 30
const CONTACT_BOOST_EACH = 0.075
const CONTACT_BOOST_MAX = 0.3
const NPS_BOOST_MAX = 0.2

/** What the customer's NPS says about how much their friction matters right now. */
export interface NpsSignal {
  /** Latest answer minus the one before it, on 0–10; null with fewer than two answers. */
  trend: number | null
  latest: number | null
}

export interface PriorityInput {
  severity: Severity
  /** Milliseconds since the epoch. */
  lastActivity: number
  /** Tickets it cost. */
  contacts: number
}

/**
 * `weight(severity) × ½^(days since last activity / 30) × (1 + contacts boost + NPS boost)`.
 * Contacts: +0.075 per ticket past the first, at most +0.3 (five contacts). NPS: +0.2 when the
 * latest answer fell by the tenant's drop threshold, +0.1 when it fell at all or is a detractor.
 * The NPS boost is the same for all of a customer's points: it does not reorder them, it makes a
 * falling customer's friction outrank a steady one's when customers are compared.
 */
export function priorityScore(
  point: PriorityInput,
  nps: NpsSignal,
  settings: Pick<FrictionSettings, 'npsDropPoints' | 'npsDetractorMax'>,
  now: number,
): number {
  const days = Math.max(0, now - point.lastActivity) / DAY
  const recency = 0.5 ** (days / RECENCY_HALF_LIFE_DAYS)
  const contacts = Math.min(CONTACT_BOOST_MAX, CONTACT_BOOST_EACH * Math.max(0, point.contacts - 1))
  return SEVERITY_WEIGHT[point.severity] * recency * (1 + contacts + npsBoost(nps, settings))
}

function npsBoost(
  nps: NpsSignal,
  settings: Pick<FrictionSettings, 'npsDropPoints' | 'npsDetractorMax'>,
): number {
  if (nps.trend !== null && nps.trend <= -settings.npsDropPoints) return NPS_BOOST_MAX
  const falling = nps.trend !== null && nps.trend < 0
  const detractor = nps.latest !== null && nps.latest <= settings.npsDetractorMax
  return falling || detractor ? NPS_BOOST_MAX / 2 : 0
}

export function npsSignal(timeline: Timeline): NpsSignal {
  const answers = timeline.responses.filter((r) => r.kind === 'nps').map(npsPoints)
  const [previous, latest] = [answers.at(-2), answers.at(-1)]
  return {
    latest: latest ?? null,
    trend: latest !== undefined && previous !== undefined ? latest - previous : null,
  }
}

export interface Prioritised {
  /** Highest priority first. */
  groups: FrictionGroup[]
  /** Open points left out: no activity for `staleAfterDays`. */
  agedOut: number
}

/**
 * The customer's open friction as an agent should take it: stale points aged out, the rest grouped
 * by ticket and topic (`groupPoints`), each group scored as its most severe point at its latest
 * activity with the tickets it cost, and ranked. Resolved points never enter: nothing to act on.
 */
export function prioritiseFriction(
  points: readonly FrictionPoint[],
  timeline: Timeline,
  settings: FrictionSettings,
  now: number,
): Prioritised {
  const activityOf = memoised(activityIndex(timeline))
  const open = points.filter((p) => p.open)
  const fresh = open.filter(
    (p) => now - activityOf(p).lastActivity <= settings.staleAfterDays * DAY,
  )
  const nps = npsSignal(timeline)
  const scoreOf = (p: FrictionPoint) =>
    priorityScore(
      {
        severity: p.severity,
        lastActivity: activityOf(p).lastActivity,
        contacts: activityOf(p).tickets.length,
      },
      nps,
      settings,
      now,
    )
  const groups = groupPoints(fresh, activityOf, {
    allTickets: timeline.tickets,
    ignoreTags: settings.escalationTags,
  }).map((group) => {
    const ranked = rank(group.points, scoreOf)
    const lead = ranked[0]!
    const severity = ranked.map((p) => p.severity).sort(bySeverity)[0]!
    const score = priorityScore(
      { severity, lastActivity: group.lastActivity, contacts: group.tickets.length },
      nps,
      settings,
      now,
    )
    const frictionGroup: FrictionGroup = {
      id: `group:${group.points[0]!.id}`,
      priority: Math.round(score * 10) / 10,
      severity,
      kinds: [...new Set(ranked.map((p) => p.kind))],
      points: ranked.map((p) => p.id),
      topic: group.tickets.at(-1)?.subject ?? null,
      since: group.points[0]!.since,
      lastActivityAt: new Date(group.lastActivity).toISOString(),
      contacts: group.tickets.length,
      why: { kind: lead.kind, reason: lead.reason, params: lead.params },
      nextStep: nextStepOf(ranked, (p) => activityOf(p).tickets),
      evidence: group.evidence as FrictionGroup['evidence'],
    }
    return { frictionGroup, score }
  })
  groups.sort(
    (a, b) =>
      b.score - a.score ||
      bySeverity(a.frictionGroup.severity, b.frictionGroup.severity) ||
      compareText(a.frictionGroup.id, b.frictionGroup.id),
  )
  return { groups: groups.map((g) => g.frictionGroup), agedOut: open.length - fresh.length }
}

/** Points by priority, highest first; ties by severity, then newest, then id. */
export function rank(
  points: readonly FrictionPoint[],
  scoreOf: (point: FrictionPoint) => number,
): FrictionPoint[] {
  return points
    .map((point) => ({ point, score: scoreOf(point) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        bySeverity(a.point.severity, b.point.severity) ||
        Date.parse(b.point.since) - Date.parse(a.point.since) ||
        compareText(a.point.id, b.point.id),
    )
    .map(({ point }) => point)
}

const bySeverity = (a: Severity, b: Severity) => SEVERITY_ORDER[a] - SEVERITY_ORDER[b]

function memoised(activityOf: (p: FrictionPoint) => PointActivity) {
  const memo = new Map<string, PointActivity>()
  return (p: FrictionPoint) => {
    let activity = memo.get(p.id)
    if (!activity) memo.set(p.id, (activity = activityOf(p)))
    return activity
  }
}
