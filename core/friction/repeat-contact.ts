import { isOpen } from '../model/index.ts'
import { DAY, at, frictionPoint, round1, ticketRefs, type FrictionRule } from './rule.ts'
import { contactEnd, followUps } from './follow-ups.ts'

/**
 * A new ticket on the same topic as an earlier one, within `repeatContactDays` of it (see
 * `isFollowUp` and `sameTopic`): the customer had to come back. Open while the new ticket is; three
 * or more contacts on the topic is high severity.
 */
export const repeatContact: FrictionRule = (timeline, settings) =>
  followUps(timeline.tickets, settings.repeatContactDays, {
    ignoreTags: settings.escalationTags,
  }).map(({ later, earlier }) => {
    const nearest = earlier[0]!
    // Days between the end of the nearest earlier contact and the new one; 0 while it was unended.
    const gapDays = round1(Math.max(0, at(later.createdAt) - contactEnd(nearest)) / DAY)
    const contacts = earlier.length + 1
    return frictionPoint('repeat_contact', {
      severity: contacts >= 3 ? 'high' : 'medium',
      since: later.createdAt,
      open: isOpen(later),
      reason:
        gapDays === 0
          ? `Contacted again on the same topic before the earlier ticket ended (${contacts} contacts)`
          : `Contacted again on the same topic ${gapDays} days after the earlier ticket ended (${contacts} contacts)`,
      params: { contacts, gapDays, windowDays: settings.repeatContactDays },
      evidence: [later.ref, ...ticketRefs(earlier)],
    })
  })
