import { describe, expect, it } from 'vitest'
import { FrictionPoint } from '../model/index.ts'
import { lowCsat } from './low-csat.ts'
import { DAYS, NOW, ago, defaults, response, ticket, timeline } from './records.fixtures.ts'

describe('lowCsat', () => {
  it('fires at the low mark (3 on 1–5 is 0.5) and not just above it', () => {
    const points = lowCsat(
      timeline({ responses: [response('a', 'csat', 3), response('b', 'csat', 4)] }),
      defaults,
      NOW,
    )
    expect(points.map((p) => p.id)).toEqual(['low_csat:import:surveys:csat_response:a'])
    expect(FrictionPoint.parse(points[0])).toEqual(points[0])
    expect(points[0]).toMatchObject({
      severity: 'medium',
      open: true,
      reason: 'CSAT answer 3 on a 1–5 scale',
      params: { survey: 'csat', score: 3, min: 1, max: 5 },
    })
  })

  it('follows the tenant threshold and covers CES, not NPS', () => {
    const answers = [response('a', 'csat', 3), response('e', 'ces', 2), response('n', 'nps', 0)]
    const strict = lowCsat(
      timeline({ responses: answers }),
      { ...defaults, lowCsatNormalisedMax: 0.2 },
      NOW,
    )
    expect(strict.map((p) => p.params.survey)).toEqual(['ces'])
    expect(strict[0]?.severity).toBe('high') // 2 on 1–7 is 1/6: the worst quarter
  })

  it('stays open through the window and closes after it', () => {
    const at = (days: number) => response(`d${days}`, 'csat', 1, { submittedAt: ago(days * DAYS) })
    const points = lowCsat(timeline({ responses: [at(30), at(31)] }), defaults, NOW)
    expect(points.map((p) => [p.params.score, p.open, p.since])).toEqual([
      [1, true, ago(30 * DAYS)],
      [1, false, ago(31 * DAYS)],
    ])
  })

  it('points at the rated ticket with its deep link', () => {
    const t = ticket('7')
    const r = response('a', 'csat', 1, { ticket: { ...t.ref, url: undefined } })
    const [point] = lowCsat(timeline({ tickets: [t], responses: [r] }), defaults, NOW)
    expect(point?.evidence).toEqual([r.ref, t.ref])
  })
})
