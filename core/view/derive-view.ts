import { customerTimeline, frictionPointsOf, type CustomerRecords } from '../friction/index.ts'
import type { CustomerView, FrictionPoint, FrictionSettings } from '../model/index.ts'
import { cesSection, csatSection, npsSection, ticketsSection } from './sections.ts'

export interface ViewInput extends CustomerRecords {
  freshness: CustomerView['freshness']
}

/**
 * The unified view of one customer, as materialised for the sidebars. Pure: the same records, settings
 * and `now` give the same view. Records not belonging to the customer's people are ignored (see
 * `customerTimeline`); deleted tickets and answers never show.
 */
export function deriveView(input: ViewInput): CustomerView {
  const timeline = customerTimeline(input)
  const settings = input.settings.friction
  return {
    customer: input.customer,
    nps: npsSection(timeline),
    csat: csatSection(timeline, settings, input.now),
    ces: cesSection(timeline),
    tickets: ticketsSection(timeline, settings, input.now),
    friction: shownFriction(frictionPointsOf(timeline, input), settings, input.now),
    freshness: input.freshness,
    generatedAt: new Date(input.now).toISOString(),
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
