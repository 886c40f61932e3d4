import { describe, expect, it } from 'vitest'
import { zdUser } from '../identity/person.fixtures.ts'
import { buildCustomer } from '../identity/index.ts'
import { FrictionPoint } from '../model/index.ts'
import { deriveFrictionPoints } from './derive-friction-points.ts'
import {
  DAYS,
  HOURS,
  NOW,
  ago,
  requester,
  response,
  settingsWith,
  ticket,
} from './records.fixtures.ts'

const jane = zdUser(requester.id, { name: 'Jane' })
const customer = buildCustomer([jane], [])

const tickets = [
  // Closed, urgent and escalated long ago: critical but not open.
  ticket('old', { priority: 'urgent', tags: ['escalation'], subject: 'Server down' }),
  // Open, waiting on us for 3 days: medium, open.
  ticket('wait', {
    status: 'open',
    solvedAt: null,
    subject: 'Export broken',
    createdAt: ago(5 * DAYS),
    requesterUpdatedAt: ago(72 * HOURS),
  }),
  // Open and urgent: high, open, newer than the wait.
  ticket('urgent', {
    status: 'pending',
    solvedAt: null,
    priority: 'urgent',
    createdAt: ago(1 * DAYS),
  }),
]
const responses = [response('csat', 'csat', 2, { submittedAt: ago(2 * DAYS) })] // 0.25: high, open

describe('deriveFrictionPoints', () => {
  const input = { customer, people: [jane], tickets, responses, now: NOW }

  it('orders open first, then by severity, then newest first', () => {
    const points = deriveFrictionPoints({ ...input, settings: settingsWith({}) })
    for (const point of points) expect(FrictionPoint.parse(point)).toEqual(point)
    expect(points.map((p) => [p.id, p.open, p.severity])).toEqual([
      ['escalation:zendesk:acme:ticket:urgent', true, 'high'],
      ['low_csat:import:surveys:csat_response:csat', true, 'high'],
      ['waiting_too_long:zendesk:acme:ticket:wait', true, 'medium'],
      ['escalation:zendesk:acme:ticket:old', false, 'critical'],
    ])
  })

  it('applies the tenant’s thresholds and gives the same ids on every derivation', () => {
    const lenient = settingsWith({ waitingTooLongHours: 100, lowCsatNormalisedMax: 0.2 })
    const points = deriveFrictionPoints({ ...input, settings: lenient })
    expect(points.map((p) => p.kind)).toEqual(['escalation', 'escalation'])
    const reordered = { ...input, tickets: [...tickets].reverse(), settings: lenient }
    expect(deriveFrictionPoints(reordered)).toEqual(points)
  })

  it('ignores records of people outside the customer', () => {
    const other = { ...requester, id: '2' }
    const theirs = tickets.map((t) => ({ ...t, requester: other }))
    const points = deriveFrictionPoints({
      ...input,
      tickets: theirs,
      responses: responses.map((r) => ({ ...r, respondent: other })),
      settings: settingsWith({}),
    })
    expect(points).toEqual([])
  })
})

describe('a chain of contacts that also switched channels', () => {
  const chain = ['email', 'chat', 'phone', 'email', 'web'].map((channel, i) =>
    ticket(`c${i}`, {
      subject: 'Facture en double',
      channel,
      status: 'open',
      solvedAt: null,
      createdAt: ago((10 - 2 * i) * DAYS),
      updatedAt: ago((10 - 2 * i) * DAYS),
      requesterUpdatedAt: ago(1 * HOURS),
    }),
  )

  it('is one point: the channel hop, as severe as five repeated contacts', () => {
    const points = deriveFrictionPoints({
      customer,
      people: [jane],
      tickets: chain,
      responses: [],
      now: NOW,
      settings: settingsWith({}),
    })
    const chainPoints = points.filter((p) => ['repeat_contact', 'channel_hopping'].includes(p.kind))
    expect(chainPoints).toHaveLength(1)
    expect(chainPoints[0]).toMatchObject({ kind: 'channel_hopping', severity: 'critical' })
    expect(chainPoints[0]!.evidence).toHaveLength(5)
    expect(chainPoints[0]!.params).toMatchObject({ contacts: 5, channelCount: 4 })
  })

  it('stays a repeat contact when every contact used one channel', () => {
    const sameChannel = chain.map((t) => ({ ...t, channel: 'email' }))
    const points = deriveFrictionPoints({
      customer,
      people: [jane],
      tickets: sameChannel,
      responses: [],
      now: NOW,
      settings: settingsWith({}),
    })
    expect(points.filter((p) => p.kind === 'channel_hopping')).toEqual([])
    expect(points.filter((p) => p.kind === 'repeat_contact')).toHaveLength(1)
  })
})
