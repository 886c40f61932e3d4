import type { Ticket } from '../model/index.ts'
import { frictionPoint, ticketRefs, type FrictionRule } from './rule.ts'
import { contactChains } from './contact-chains.ts'

const toolOf = (t: Ticket): string => `${t.ref.source}:${t.ref.account}`

/**
 * A chain of contacts on one topic (`contactChains`, within `repeatContactDays`: the settings have
 * no separate window) that went through more than one channel (email then chat…) or more than one
 * tool (help desk then CRM): the first channel did not work for them. One point per chain, every
 * ticket as evidence, open while a contact after the first is. Three channels, or two tools, is high severity.
 * A copy mirrored into the other tool is not a contact, so it is no hop either.
 */
export const channelHopping: FrictionRule = (timeline, settings) =>
  contactChains(timeline.tickets, settings.repeatContactDays, {
    ignoreTags: settings.escalationTags,
  }).flatMap(({ tickets, contacts, days, open }) => {
    const channels = [...new Set(contacts.map((t) => t.channel))]
    const tools = new Set(contacts.map(toolOf)).size
    if (channels.length < 2 && tools < 2) return []
    return [
      frictionPoint('channel_hopping', {
        severity: channels.length >= 3 || tools >= 2 ? 'high' : 'medium',
        since: tickets[0].createdAt,
        open,
        reason: `Same topic raised through ${channels.join(' → ')}${tools > 1 ? ` in ${tools} tools` : ''} (${contacts.length} contacts)`,
        // No `count` here: the presentation reads `count` as the number of channels.
        params: {
          channels: channels.join(','),
          channelCount: channels.length,
          tools,
          contacts: contacts.length,
          days,
        },
        evidence: [tickets[0].ref, ...ticketRefs(tickets.slice(1))],
      }),
    ]
  })
