import { isOpen } from '../model/index.ts'
import { frictionPoint, type FrictionRule } from './rule.ts'

/**
 * A ticket reopened at least `reopensMin` times: the first answer did not solve it. The model keeps
 * no reopen time, so `since` is the ticket's creation (the reopen happened after it).
 */
export const reopenedTicket: FrictionRule = (timeline, settings) =>
  timeline.tickets
    .filter((t) => t.reopens >= settings.reopensMin)
    .map((t) =>
      frictionPoint('reopened_ticket', {
        severity: t.reopens > settings.reopensMin ? 'high' : 'medium',
        since: t.createdAt,
        open: isOpen(t),
        reason: `Ticket reopened ${t.reopens} ${t.reopens === 1 ? 'time' : 'times'}`,
        params: { reopens: t.reopens, status: t.status },
        evidence: [t.ref],
      }),
    )
