import type { Severity } from '../model/index.ts'
import { frictionPoint, ticketRefs, type FrictionRule } from './rule.ts'
import { contactChains } from './contact-chains.ts'

/**
 * The customer came back on the same topic (`contactChains`: each contact within
 * `repeatContactDays` of the end of the one before): one point per chain, with every ticket of it
 * as evidence, since its first contact. Open while a contact after the first is (coming back did
 * not settle it); severity grows with the contacts: 2 medium, 3–4 high, 5+ critical.
 */
export const repeatContact: FrictionRule = (timeline, settings) =>
  contactChains(timeline.tickets, settings.repeatContactDays, {
    ignoreTags: settings.escalationTags,
  }).flatMap(({ tickets, contacts, days, open }) => {
    const count = contacts.length
    return [
      frictionPoint('repeat_contact', {
        severity: severityOf(count),
        since: tickets[0].createdAt,
        open,
        reason: `Contacted us ${count} times on the same topic in ${days} ${days === 1 ? 'day' : 'days'}`,
        // `contacts` is what the presentation's template reads; `count` is the same number.
        params: { count, contacts: count, days, windowDays: settings.repeatContactDays },
        evidence: [tickets[0].ref, ...ticketRefs(tickets.slice(1))],
      }),
    ]
  })

const severityOf = (contacts: number): Severity =>
  contacts >= 5 ? 'critical' : contacts >= 3 ? 'high' : 'medium'
