import { refKey, type FrictionPoint, type Ticket } from '../model/index.ts'
import { at } from './rule.ts'
import type { Timeline } from './timeline.ts'

/** What a friction point's evidence says beyond its refs: its tickets and its latest activity. */
export interface PointActivity {
  /** The point's tickets (evidence found among the timeline's tickets), oldest first. */
  tickets: Ticket[]
  /** Latest of its `since`, its tickets' creation and last update, its answers' submission (ms). */
  lastActivity: number
}

/** Looks a point's evidence up in the timeline it was derived from; built once per timeline. */
export function activityIndex(timeline: Timeline): (point: FrictionPoint) => PointActivity {
  const tickets = new Map(timeline.tickets.map((t) => [refKey(t.ref), t]))
  const answered = new Map(timeline.responses.map((r) => [refKey(r.ref), at(r.submittedAt)]))
  return (point) => {
    let lastActivity = at(point.since)
    const own: Ticket[] = []
    for (const ref of point.evidence) {
      const ticket = tickets.get(refKey(ref))
      if (ticket) {
        own.push(ticket)
        lastActivity = Math.max(lastActivity, at(ticket.createdAt), at(ticket.updatedAt))
      }
      const submitted = answered.get(refKey(ref))
      if (submitted !== undefined) lastActivity = Math.max(lastActivity, submitted)
    }
    own.sort((a, b) => at(a.createdAt) - at(b.createdAt))
    return { tickets: own, lastActivity }
  }
}
