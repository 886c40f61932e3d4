import type { FrictionPoint, Severity } from '../model/index.ts'
import { compareText } from '../identity/index.ts'
import { channelHopping } from './channel-hopping.ts'
import { escalation } from './escalation.ts'
import { lowCsat } from './low-csat.ts'
import { negativeSentiment } from './negative-sentiment.ts'
import { npsDetractor } from './nps-detractor.ts'
import { npsDrop } from './nps-drop.ts'
import { reopenedTicket } from './reopened-ticket.ts'
import type { FrictionRule } from './rule.ts'
import { repeatContact } from './repeat-contact.ts'
import { slowFirstReply } from './slow-first-reply.ts'
import { customerTimeline, type CustomerRecords, type Timeline } from './timeline.ts'
import { waitingTooLong } from './waiting-too-long.ts'

export const FRICTION_RULES: readonly FrictionRule[] = [
  lowCsat,
  reopenedTicket,
  waitingTooLong,
  slowFirstReply,
  repeatContact,
  npsDetractor,
  npsDrop,
  negativeSentiment,
  channelHopping,
  escalation,
]

/** Every rule over the customer's records: open first, then most severe, then newest. */
export function deriveFrictionPoints(input: CustomerRecords): FrictionPoint[] {
  return frictionPointsOf(customerTimeline(input), input)
}

/** The same over an already built timeline (the view builds one and shares it). */
export function frictionPointsOf(
  timeline: Timeline,
  { settings, now }: Pick<CustomerRecords, 'settings' | 'now'>,
): FrictionPoint[] {
  const points = FRICTION_RULES.flatMap((rule) => rule(timeline, settings.friction, now))
  const byId = new Map(foldRepeatsIntoHops(points).map((p) => [p.id, p]))
  return [...byId.values()].sort(byPriority)
}

/**
 * A chain of contacts that also switched channels is one problem for the agent, not two points on
 * the same tickets: the channel-hopping point stays, with the repeat's severity when that is higher
 * (five contacts are critical however many channels they used).
 */
function foldRepeatsIntoHops(points: FrictionPoint[]): FrictionPoint[] {
  const chainOf = (p: FrictionPoint) => p.id.slice(p.id.indexOf(':') + 1)
  const repeats = new Map(
    points.filter((p) => p.kind === 'repeat_contact').map((p) => [chainOf(p), p]),
  )
  const hopped = new Set<string>()
  const folded = points.map((p) => {
    const repeat = p.kind === 'channel_hopping' ? repeats.get(chainOf(p)) : undefined
    if (!repeat) return p
    hopped.add(chainOf(p))
    const severity =
      SEVERITY_RANK[repeat.severity] < SEVERITY_RANK[p.severity] ? repeat.severity : p.severity
    return { ...p, severity }
  })
  return folded.filter((p) => !(p.kind === 'repeat_contact' && hopped.has(chainOf(p))))
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 }

export function byPriority(a: FrictionPoint, b: FrictionPoint): number {
  return (
    Number(b.open) - Number(a.open) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    Date.parse(b.since) - Date.parse(a.since) ||
    compareText(a.id, b.id)
  )
}
