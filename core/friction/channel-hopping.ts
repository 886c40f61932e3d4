import { isOpen, type Ticket } from '../model/index.ts'
import { frictionPoint, ticketRefs, type FrictionRule } from './rule.ts'
import { followUps } from './follow-ups.ts'

const toolOf = (t: Ticket): string => `${t.ref.source}:${t.ref.account}`

/**
 * The same topic raised through another channel (email then chat…) or another tool (help desk then
 * CRM) within `repeatContactDays` (7 by default; the settings have no separate window): the first
 * channel did not work for them. Three channels, or two tools, is high severity.
 */
export const channelHopping: FrictionRule = (timeline, settings) =>
  followUps(timeline.tickets, settings.repeatContactDays, {
    ignoreTags: settings.escalationTags,
  }).flatMap(({ later, earlier }) => {
    const hops = earlier.filter((t) => t.channel !== later.channel || toolOf(t) !== toolOf(later))
    if (hops.length === 0) return []
    const involved = [...hops].reverse().concat(later)
    const channels = [...new Set(involved.map((t) => t.channel))]
    const tools = new Set(involved.map(toolOf)).size
    return [
      frictionPoint('channel_hopping', {
        severity: channels.length >= 3 || tools >= 2 ? 'high' : 'medium',
        since: later.createdAt,
        open: isOpen(later),
        reason: `Same topic raised through ${channels.join(' → ')}${tools > 1 ? ` in ${tools} tools` : ''}`,
        params: { channels: channels.join(','), channelCount: channels.length, tools },
        evidence: [later.ref, ...ticketRefs(hops)],
      }),
    ]
  })
