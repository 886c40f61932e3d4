import { describe, expect, it } from 'vitest'
import { npsDetractor } from './nps-detractor.ts'
import { DAYS, NOW, ago, defaults, response, timeline } from './records.fixtures.ts'

const nps = (id: string, score: number, daysAgo: number) =>
  response(id, 'nps', score, { submittedAt: ago(daysAgo * DAYS) })

describe('npsDetractor', () => {
  it('fires at 6 and below, not at 7; open only while it is the latest answer', () => {
    const responses = [nps('a', 3, 400), nps('b', 7, 300), nps('c', 6, 10)]
    const points = npsDetractor(timeline({ responses }), defaults, NOW)
    expect(points.map((p) => [p.evidence[0]?.id, p.severity, p.open, p.reason])).toEqual([
      ['a', 'high', false, 'NPS answer 3 (detractor)'],
      ['c', 'medium', true, 'NPS answer 6 (detractor)'],
    ])
  })

  it('follows the tenant mark and ignores other surveys', () => {
    const responses = [nps('a', 5, 10), response('c', 'csat', 1)]
    expect(npsDetractor(timeline({ responses }), { ...defaults, npsDetractorMax: 4 }, NOW)).toEqual(
      [],
    )
  })
})
