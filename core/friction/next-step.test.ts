import { describe, expect, it } from 'vitest'
import type { FrictionKind, FrictionPoint, Ticket } from '../model/index.ts'
import { nextStepOf } from './next-step.ts'
import { DAYS, ago, ticket } from './records.fixtures.ts'

const older = ticket('old', { status: 'open', solvedAt: null, createdAt: ago(9 * DAYS) })
const newer = ticket('new', { status: 'solved', createdAt: ago(2 * DAYS) })
const point = (kind: FrictionKind, params: FrictionPoint['params'] = {}): FrictionPoint => ({
  id: kind,
  kind,
  severity: 'high',
  since: ago(DAYS),
  open: true,
  reason: '',
  params,
  evidence: [older.ref],
})
const ticketsOf = (): Ticket[] => [older, newer]

describe('nextStepOf', () => {
  it('takes the most urgent finding of the group, whatever order the points come in', () => {
    const cases: Array<[FrictionPoint[], string]> = [
      [[point('nps_drop'), point('slow_first_reply', { replied: 0 })], 'reply_now'],
      [[point('waiting_too_long'), point('escalation')], 'own_escalation'],
      [[point('repeat_contact'), point('waiting_too_long')], 'answer_waiting'],
      [[point('reopened_ticket'), point('channel_hopping')], 'answer_once'],
      [[point('slow_first_reply', { replied: 1 }), point('reopened_ticket')], 'check_reopened_fix'],
      [[point('low_csat'), point('slow_first_reply', { replied: 1 })], 'follow_up_ticket'],
      [[point('nps_detractor'), point('negative_sentiment')], 'follow_up_rating'],
      [[point('nps_detractor')], 'close_nps_loop'],
    ]
    for (const [points, action] of cases) {
      expect(nextStepOf(points, ticketsOf).action).toBe(action)
      expect(nextStepOf([...points].reverse(), ticketsOf).action).toBe(action)
    }
  })

  it('points at the newest open ticket, else the newest, else none', () => {
    expect(nextStepOf([point('escalation')], ticketsOf).ticket).toEqual(older.ref)
    const solved = { ...older, status: 'closed' as const }
    expect(nextStepOf([point('escalation')], () => [solved, newer]).ticket).toEqual(newer.ref)
    expect(nextStepOf([point('nps_detractor')], () => []).ticket).toBeNull()
  })
})
