import { describe, expect, it } from 'vitest'
import { defaults } from '../friction/records.fixtures.ts'
import type { CustomerView, FrictionGroup, Severity } from '../model/index.ts'
import { customerRisk } from './risk.ts'

const group = (severity: Severity, contacts = 1) => ({ severity, contacts }) as FrictionGroup
const nps = (latest: number | null, trend: number | null = null): CustomerView['nps'] => ({
  responses: [],
  latest: latest === null ? null : { score: latest, category: 'passive', at: '' },
  trend,
})
const csat = (recent: number | null = null) =>
  ({ recentSatisfiedPercent: recent }) as CustomerView['csat']
const risk = (groups: FrictionGroup[], n = nps(null), c = csat()) =>
  customerRisk(groups, n, c, defaults)

describe('customerRisk', () => {
  it('is fine with no open friction and no bad signal', () => {
    expect(risk([], nps(9, 1), csat(90))).toEqual({ level: 'fine', reasons: [] })
  })

  it('is at risk with a critical problem, three high ones, or a high one and a bad NPS', () => {
    expect(risk([group('critical')])).toEqual({
      level: 'at_risk',
      reasons: [{ code: 'critical_friction', params: { count: 1 } }],
    })
    expect(risk([group('high'), group('high'), group('high')]).level).toBe('at_risk')
    expect(risk([group('high')], nps(4)).level).toBe('at_risk')
    expect(risk([group('high')], nps(7, -3))).toEqual({
      level: 'at_risk',
      reasons: [
        { code: 'nps_falling', params: { from: 10, to: 7 } },
        { code: 'high_friction', params: { count: 1 } },
      ],
    })
  })

  it('is to watch with a lesser problem or a bad signal alone, and says which', () => {
    expect(risk([group('high'), group('high')]).level).toBe('watch')
    expect(risk([group('medium', 4)])).toEqual({
      level: 'watch',
      reasons: [
        { code: 'repeat_contacts', params: { count: 4 } },
        { code: 'open_friction', params: { count: 1 } },
      ],
    })
    expect(risk([], nps(3)).reasons).toEqual([{ code: 'nps_detractor', params: { score: 3 } }])
    expect(risk([], nps(null), csat(40))).toEqual({
      level: 'watch',
      reasons: [{ code: 'low_csat', params: { percent: 40 } }],
    })
  })
})
