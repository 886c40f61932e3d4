import { HOUR, at, frictionPoint, type FrictionRule } from './rule.ts'
import { reportedUnanswered } from './slow-first-reply.ts'

/**
 * A ticket in `open` status (waiting on the company) whose requester last wrote more than
 * `waitingTooLongHours` ago (falls back to the ticket's last update when the source does not say).
 * Pending and on-hold tickets wait on someone else. Three times the limit is high severity.
 * A ticket never answered at all is left to `slow_first_reply` ("No reply yet after…"): the same
 * silence told twice would read as two problems. One answered late and waiting again keeps both.
 */
export const waitingTooLong: FrictionRule = (timeline, settings, now) =>
  timeline.tickets.flatMap((t) => {
    if (t.status !== 'open' || reportedUnanswered(t, settings, now)) return []
    const since = t.requesterUpdatedAt ?? t.updatedAt
    const hours = (now - at(since)) / HOUR
    if (hours <= settings.waitingTooLongHours) return []
    return [
      frictionPoint('waiting_too_long', {
        severity: hours > 3 * settings.waitingTooLongHours ? 'high' : 'medium',
        since,
        open: true,
        reason: `Waiting on us for ${Math.floor(hours)} hours`,
        params: { hours: Math.floor(hours), limitHours: settings.waitingTooLongHours },
        evidence: [t.ref],
      }),
    ]
  })
