import { isOpen, type FrictionSettings, type Ticket } from '../model/index.ts'
import { MINUTE, at, formatMinutes, frictionPoint, type FrictionRule } from './rule.ts'

/**
 * The first public reply came later than `slowFirstReplyMinutes`, or has not come yet and the
 * ticket is older than that. "Not yet" needs the source to say zero replies: an unknown reply count
 * is not evidence of silence. Open while the ticket is; three times the limit (or still no reply)
 * is high severity.
 */
export const slowFirstReply: FrictionRule = (timeline, settings, now) =>
  timeline.tickets.flatMap((t) => {
    const limit = settings.slowFirstReplyMinutes
    const unanswered = isUnanswered(t)
    const minutes = unanswered ? (now - at(t.createdAt)) / MINUTE : t.firstReplyMinutes
    if (minutes === null || minutes <= limit) return []
    return [
      frictionPoint('slow_first_reply', {
        severity: unanswered || minutes > 3 * limit ? 'high' : 'medium',
        since: t.createdAt,
        open: isOpen(t),
        reason: unanswered
          ? `No reply yet after ${formatMinutes(minutes)}`
          : `First reply after ${formatMinutes(minutes)}`,
        params: { minutes: Math.round(minutes), limitMinutes: limit, replied: unanswered ? 0 : 1 },
        evidence: [t.ref],
      }),
    ]
  })

const isUnanswered = (t: Ticket): boolean =>
  t.firstReplyMinutes === null && t.replies === 0 && t.status === 'open'

/** Whether this rule reports the ticket as still without a reply ("No reply yet after…"). */
export const reportedUnanswered = (
  t: Ticket,
  settings: Pick<FrictionSettings, 'slowFirstReplyMinutes'>,
  now: number,
): boolean => isUnanswered(t) && (now - at(t.createdAt)) / MINUTE > settings.slowFirstReplyMinutes
