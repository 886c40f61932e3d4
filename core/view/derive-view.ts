import {
  customerTimeline,
  frictionPointsOf,
  prioritiseFriction,
  type CustomerRecords,
  type Timeline,
} from '../friction/index.ts'
import type { CustomerView, FrictionPoint, FrictionSettings } from '../model/index.ts'
import { selectVerbatims } from '../verbatims/index.ts'
import { capView } from './cap.ts'
import { customerRisk } from './risk.ts'
import { cesSection, csatSection, npsSection, ticketsSection } from './sections.ts'

export interface ViewInput extends CustomerRecords {
  freshness: CustomerView['freshness']
}

/**
 * The unified view of one customer, as materialised for the sidebars. Pure: the same records, settings
 * and `now` give the same view. Records not belonging to the customer's people are ignored (see
 * `customerTimeline`); deleted tickets and answers never show. Lists are capped (`capView`).
 */
export function deriveView(input: ViewInput): CustomerView {
  const timeline = customerTimeline(input)
  const settings = input.settings.friction
  const points = frictionPointsOf(timeline, input)
  const nps = npsSection(timeline)
  const csat = csatSection(timeline, settings, input.now)
  return capView({
    customer: input.customer,
    nps,
    csat,
    ces: cesSection(timeline),
    tickets: ticketsSection(timeline, settings, input.now),
    friction: shownFriction(points, settings, input.now),
    focus: focusOf(points, timeline, { nps, csat }, settings, input.now),
    verbatims: selectVerbatims(timeline.responses, settings),
    freshness: input.freshness,
    generatedAt: new Date(input.now).toISOString(),
  })
}

/** Groups kept in the stored view: the sidebar shows 3 and expands to these; the rest are counted. */
export const FOCUS_GROUPS_MAX = 10

function focusOf(
  points: readonly FrictionPoint[],
  timeline: Timeline,
  view: Pick<CustomerView, 'nps' | 'csat'>,
  settings: FrictionSettings,
  now: number,
): NonNullable<CustomerView['focus']> {
  const { groups, agedOut } = prioritiseFriction(points, timeline, settings, now)
  return {
    groups: groups.slice(0, FOCUS_GROUPS_MAX),
    total: groups.length,
    agedOut,
    risk: customerRisk(groups, view.nps, view.csat, settings),
  }
}

const CLOSED_FRICTION_MAX = 50

/**
 * Every open friction point, and the closed ones from the recent window (at most 50): years of
 * history would otherwise bury the sidebar and bloat the stored view. Order is kept (open first).
 */
function shownFriction(
  points: readonly FrictionPoint[],
  settings: FrictionSettings,
  now: number,
): FrictionPoint[] {
  const recentSince = now - settings.recentDays * 86_400_000
  let closed = 0
  return points.filter((p) => {
    if (p.open) return true
    if (Date.parse(p.since) < recentSince || closed >= CLOSED_FRICTION_MAX) return false
    closed++
    return true
  })
}
