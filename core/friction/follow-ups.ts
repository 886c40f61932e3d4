import { isOpen, type Ticket } from '../model/index.ts'
import { DAY, MINUTE, at } from './rule.ts'
import { sameTopic, topicMatcher } from './topic.ts'

type SameTopic = (a: Ticket, b: Ticket) => boolean

// Two tickets in different tools opened minutes apart are one contact seen twice: a help desk/CRM
// integration copying tickets across, or one message sent to two addresses.
const MIRROR_WINDOW = 15 * MINUTE

/**
 * When an earlier contact ended, for the window to start from: never while it waits on us (status
 * open: writing again is chasing it); its last update while it waits on the customer or a third
 * party (a pending ticket left for months is not a live contact); else its solve time, or its
 * creation when that is unknown.
 */
export function contactEnd(earlier: Ticket): number {
  if (earlier.status === 'open') return Infinity
  if (isOpen(earlier)) return at(earlier.updatedAt)
  return at(earlier.solvedAt ?? earlier.createdAt)
}

/** The last instant a contact following `earlier` up counts as its follow-up. */
export const reachOf = (earlier: Ticket, days: number): number => contactEnd(earlier) + days * DAY

/** Whether `later` is `earlier` seen again in another tool (see MIRROR_WINDOW). */
export const isMirror = (earlier: Ticket, later: Ticket): boolean =>
  earlier.ref.source !== later.ref.source &&
  at(later.createdAt) - at(earlier.createdAt) <= MIRROR_WINDOW

/**
 * Whether `later` came back within `days` of the end of the `earlier` contact (`contactEnd`), or
 * before it ended. Both must share the topic, and not be one contact mirrored into two tools.
 */
export function isFollowUp(
  earlier: Ticket,
  later: Ticket,
  days: number,
  same: SameTopic = sameTopic,
): boolean {
  const created = at(later.createdAt)
  return (
    created >= at(earlier.createdAt) &&
    created <= reachOf(earlier, days) &&
    !isMirror(earlier, later) &&
    same(earlier, later)
  )
}

/**
 * For each ticket, the earlier tickets it follows up, nearest first. `tickets` must be oldest first
 * (as a timeline holds them). A sweep keeps only the earlier tickets still in reach, so a long
 * history costs about its length times the tickets open or recent at each point, not its square.
 */
export function followUps(
  tickets: readonly Ticket[],
  days: number,
  options: { ignoreTags?: readonly string[] } = {},
) {
  const same = topicMatcher(tickets, options)
  const inReach: { ticket: Ticket; reach: number }[] = []
  const found: { later: Ticket; earlier: Ticket[] }[] = []
  for (const later of tickets) {
    const created = at(later.createdAt)
    for (let i = inReach.length - 1; i >= 0; i--) {
      if ((inReach[i] as { reach: number }).reach < created) inReach.splice(i, 1)
    }
    const earlier = inReach
      .map((e) => e.ticket)
      .filter((candidate) => isFollowUp(candidate, later, days, same))
      .reverse()
    if (earlier.length > 0) found.push({ later, earlier })
    inReach.push({ ticket: later, reach: reachOf(later, days) })
  }
  return found
}
