import { describe, expect, it } from 'vitest'
import { npsDrop } from './nps-drop.ts'
import { DAYS, NOW, ago, defaults, response, timeline } from './records.fixtures.ts'

const nps = (id: string, score: number, daysAgo: number) =>
  response(id, 'nps', score, { submittedAt: ago(daysAgo * DAYS) })

describe('npsDrop', () => {
  it('fires on a fall of 3 points between consecutive answers, not 2', () => {
    const responses = [
      nps('a', 10, 300),
      nps('b', 8, 200),
      nps('c', 5, 100),
      nps('d', 9, 50),
      nps('e', 6, 5),
    ]
    const points = npsDrop(timeline({ responses }), defaults, NOW)
    expect(points.map((p) => [p.id, p.severity, p.open, p.params])).toEqual([
      ['nps_drop:import:surveys:nps_response:c', 'high', false, { from: 8, to: 5, drop: 3 }],
      ['nps_drop:import:surveys:nps_response:e', 'high', true, { from: 9, to: 6, drop: 3 }],
    ])
    expect(points[0]?.evidence.map((r) => r.id)).toEqual(['c', 'b'])
    expect(points[0]?.reason).toBe('NPS fell from 8 to 5')
  })

  it('rates a fall between passives and promoters medium', () => {
    const responses = [nps('a', 10, 30), nps('b', 7, 3)]
    const [point] = npsDrop(timeline({ responses }), defaults, NOW)
    expect(point).toMatchObject({ severity: 'medium', open: true })
    expect(npsDrop(timeline({ responses }), { ...defaults, npsDropPoints: 4 }, NOW)).toEqual([])
  })
})
