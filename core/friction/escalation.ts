import { isOpen } from '../model/index.ts'
import { frictionPoint, type FrictionRule } from './rule.ts'

/**
 * Urgent priority or an escalation tag (tenant list, case-insensitive). Both at once is critical.
 * The model keeps no escalation time, so `since` is the ticket's creation.
 */
export const escalation: FrictionRule = (timeline, settings) => {
  const escalationTags = new Set(settings.escalationTags.map((tag) => tag.trim().toLowerCase()))
  return timeline.tickets.flatMap((t) => {
    const tag = t.tags.find((candidate) => escalationTags.has(candidate.trim().toLowerCase()))
    const urgent = t.priority === 'urgent'
    if (!tag && !urgent) return []
    return [
      frictionPoint('escalation', {
        severity: tag && urgent ? 'critical' : 'high',
        since: t.createdAt,
        open: isOpen(t),
        reason: tag
          ? `Ticket escalated (tag ${tag}${urgent ? ', urgent priority' : ''})`
          : 'Ticket at urgent priority',
        params: { tag: tag ?? '', priority: t.priority ?? '' },
        evidence: [t.ref],
      }),
    ]
  })
}
