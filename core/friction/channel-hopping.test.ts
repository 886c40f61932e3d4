import { describe, expect, it } from 'vitest'
import { channelHopping } from './channel-hopping.ts'
import { DAYS, NOW, ago, defaults, ticket, timeline } from './records.fixtures.ts'

const on = (
  id: string,
  channel: string,
  daysAgo: number,
  source: 'zendesk' | 'hubspot' = 'zendesk',
) =>
  ticket(id, {
    ref: { source, account: source === 'zendesk' ? 'acme' : '1234', object: 'ticket', id },
    subject: 'Delivery late',
    channel,
    createdAt: ago(daysAgo * DAYS),
    solvedAt: ago((daysAgo - 1) * DAYS),
  })

describe('channelHopping', () => {
  it('fires when the same topic comes back through another channel, not the same one', () => {
    const tickets = [on('1', 'email', 20), on('2', 'email', 18), on('3', 'chat', 16)]
    const points = channelHopping(timeline({ tickets }), defaults, NOW)
    expect(points.map((p) => [p.id, p.severity, p.reason, p.evidence.map((r) => r.id)])).toEqual([
      [
        'channel_hopping:zendesk:acme:ticket:3',
        'medium',
        'Same topic raised through email → chat',
        ['3', '2', '1'],
      ],
    ])
  })

  it('fires across tools on the same channel, high', () => {
    const tickets = [on('1', 'email', 5), on('9', 'email', 3, 'hubspot')]
    const [point] = channelHopping(timeline({ tickets }), defaults, NOW)
    expect(point).toMatchObject({ id: 'channel_hopping:hubspot:1234:ticket:9', severity: 'high' })
    expect(point?.params).toEqual({ channels: 'email', channelCount: 1, tools: 2 })
  })

  it('does not fire outside the window or on another topic', () => {
    const late = [on('1', 'email', 30), on('2', 'chat', 20)] // 9 days after #1 was solved
    expect(channelHopping(timeline({ tickets: late }), defaults, NOW)).toEqual([])
    const other = [on('1', 'email', 5), { ...on('2', 'chat', 4), subject: 'Invoice copy' }]
    expect(channelHopping(timeline({ tickets: other }), defaults, NOW)).toEqual([])
  })
})
