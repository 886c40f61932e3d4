import { compareText } from '../identity/index.ts'
import { refKey, type FrictionPoint, type SourceRef, type Ticket } from '../model/index.ts'
import type { PointActivity } from './activity.ts'
import { topicMatcher } from './topic.ts'

/** Friction points an agent handles as one: they share a ticket, an answer or a topic. */
export interface PointGroup {
  /** Oldest `since` first. */
  points: FrictionPoint[]
  /** Every evidence ref of every point, once each, in the points' order. */
  evidence: SourceRef[]
  /** The distinct tickets of its points, oldest first. */
  tickets: Ticket[]
  lastActivity: number
}

/**
 * Groups points that share a piece of evidence (the same ticket's wait, escalation and reopen; an
 * NPS drop and the detractor answer it ends on) or whose tickets share a topic (`topicMatcher` over
 * the customer's tickets: two refund tickets are one refund problem). Linking is transitive. No
 * evidence is dropped: a group's evidence is the union of its points'.
 */
export function groupPoints(
  points: readonly FrictionPoint[],
  activityOf: (point: FrictionPoint) => PointActivity,
  options: { allTickets: readonly Ticket[]; ignoreTags?: readonly string[] },
): PointGroup[] {
  const parent = points.map((_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!
    return i
  }
  const union = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)]
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb)
  }

  const owner = new Map<string, number>()
  points.forEach((point, i) => {
    for (const ref of point.evidence) {
      const known = owner.get(refKey(ref))
      if (known === undefined) owner.set(refKey(ref), i)
      else union(known, i)
    }
  })

  const activities = points.map(activityOf)
  const same = topicMatcher(options.allTickets, { ignoreTags: options.ignoreTags })
  const ticketed = activities.flatMap((a, i) => a.tickets.map((ticket) => ({ ticket, i })))
  for (let x = 0; x < ticketed.length; x++) {
    for (let y = x + 1; y < ticketed.length; y++) {
      const [a, b] = [ticketed[x]!, ticketed[y]!]
      if (find(a.i) !== find(b.i) && same(a.ticket, b.ticket)) union(a.i, b.i)
    }
  }

  const members = new Map<number, number[]>()
  points.forEach((_, i) => members.set(find(i), [...(members.get(find(i)) ?? []), i]))
  return [...members.values()].map((indexes) => {
    const own = indexes
      .map((i) => points[i]!)
      .sort((a, b) => Date.parse(a.since) - Date.parse(b.since) || compareText(a.id, b.id))
    const evidence = new Map<string, SourceRef>()
    for (const point of own) for (const ref of point.evidence) evidence.set(refKey(ref), ref)
    const tickets = new Map<string, Ticket>()
    for (const i of indexes) for (const t of activities[i]!.tickets) tickets.set(refKey(t.ref), t)
    return {
      points: own,
      evidence: [...evidence.values()],
      tickets: [...tickets.values()].sort(
        (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt),
      ),
      lastActivity: Math.max(...indexes.map((i) => activities[i]!.lastActivity)),
    }
  })
}
