import { describe, expect, it } from 'vitest'
import { escalation } from './escalation.ts'
import { NOW, defaults, ticket, timeline } from './records.fixtures.ts'

describe('escalation', () => {
  it('fires on urgent priority or an escalation tag, critical with both', () => {
    const tickets = [
      ticket('plain', { priority: 'high', tags: ['billing'] }),
      ticket('urgent', { priority: 'urgent' }),
      ticket('tagged', { tags: ['vip', 'Escalade'], status: 'open', solvedAt: null }),
      ticket('both', { priority: 'urgent', tags: ['escalated'] }),
    ]
    const points = escalation(timeline({ tickets }), defaults, NOW)
    expect(points.map((p) => [p.evidence[0]?.id, p.severity, p.open, p.reason])).toEqual([
      ['urgent', 'high', false, 'Ticket at urgent priority'],
      ['tagged', 'high', true, 'Ticket escalated (tag Escalade)'],
      ['both', 'critical', false, 'Ticket escalated (tag escalated, urgent priority)'],
    ])
  })

  it('uses the tenant’s own tags', () => {
    const tickets = [ticket('a', { tags: ['escalation'] }), ticket('b', { tags: ['tier3'] })]
    const points = escalation(
      timeline({ tickets }),
      { ...defaults, escalationTags: ['Tier3'] },
      NOW,
    )
    expect(points.map((p) => p.evidence[0]?.id)).toEqual(['b'])
  })
})
