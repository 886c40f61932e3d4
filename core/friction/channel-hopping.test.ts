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
  it('makes one point of a chain that changed channel, not of one that kept it', () => {
    const tickets = [on('1', 'email', 20), on('2', 'email', 18), on('3', 'chat', 16)]
    const points = channelHopping(timeline({ tickets }), defaults, NOW)
    expect(points.map((p) => [p.id, p.severity, p.since, p.evidence.map((r) => r.id)])).toEqual([
      ['channel_hopping:zendesk:acme:ticket:1', 'medium', ago(20 * DAYS), ['1', '2', '3']],
    ])
    expect(points[0]?.params).toEqual({
      channels: 'email,chat',
      channelCount: 2,
      tools: 1,
      contacts: 3,
      days: 4,
    })
    expect(points[0]?.reason).toBe('Same topic raised through email → chat (3 contacts)')
    const steady = [on('1', 'email', 20), on('2', 'email', 18)]
    expect(channelHopping(timeline({ tickets: steady }), defaults, NOW)).toEqual([])
  })

  it('fires across tools on the same channel, high, and high from three channels', () => {
    const tools = [on('1', 'email', 5), on('9', 'email', 3, 'hubspot')]
    const [point] = channelHopping(timeline({ tickets: tools }), defaults, NOW)
    expect(point).toMatchObject({ id: 'channel_hopping:zendesk:acme:ticket:1', severity: 'high' })
    expect(point?.params).toMatchObject({ channels: 'email', channelCount: 1, tools: 2 })
    const three = [on('1', 'email', 9), on('2', 'chat', 7), on('3', 'phone', 5)]
    const [wide] = channelHopping(timeline({ tickets: three }), defaults, NOW)
    expect([wide?.severity, wide?.params.channelCount]).toEqual(['high', 3])
  })

  it('does not fire outside the window or on another topic', () => {
    const late = [on('1', 'email', 30), on('2', 'chat', 20)] // 9 days after #1 was solved
    expect(channelHopping(timeline({ tickets: late }), defaults, NOW)).toEqual([])
    const other = [on('1', 'email', 5), { ...on('2', 'chat', 4), subject: 'Invoice copy' }]
    expect(channelHopping(timeline({ tickets: other }), defaults, NOW)).toEqual([])
  })
})
