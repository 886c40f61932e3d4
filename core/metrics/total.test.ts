import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ticket } from '../friction/records.fixtures.ts'
import { npsCategory, npsPoints, npsScore } from './nps.ts'
import {
  averageNormalised,
  cesAverage,
  satisfactionCategory,
  satisfiedPercent,
} from './satisfaction.ts'
import { firstContactResolutionPercent, medianMinutes } from './tickets.ts'

// Metrics are total: whatever a stored row holds (a bug, an old version, a hand-edited database),
// a derive gets a finite number or null, never NaN and never an exception.
const anyNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(0, 10, -1e308, 1e308, Number.MAX_VALUE, -Number.MAX_VALUE, Number.EPSILON),
  fc.integer({ min: -20, max: 20 }),
)
const scale = fc.record({ min: anyNumber, max: anyNumber })
const answer = fc.record({ score: anyNumber, scale, normalised: anyNumber })
const answers = fc.array(answer, { maxLength: 20 })
const RUNS = { numRuns: 2000 }

const finiteOrNull = (value: number | null) => value === null || Number.isFinite(value)

describe('metrics are total functions', () => {
  it('npsPoints is an NPS answer 0–10 and npsCategory a category, for any score and scale', () => {
    fc.assert(
      fc.property(answer, fc.boolean(), (a, withScale) => {
        const points = npsPoints(withScale ? a : { score: a.score })
        expect(points).toBeGreaterThanOrEqual(0)
        expect(points).toBeLessThanOrEqual(10)
        expect(['promoter', 'passive', 'detractor']).toContain(npsCategory(points))
        expect(['promoter', 'passive', 'detractor']).toContain(npsCategory(a.score))
      }),
      RUNS,
    )
  })

  it('npsScore lies between −100 and 100, or is null without answers', () => {
    fc.assert(
      fc.property(answers, (list) => {
        const score = npsScore(list)
        if (list.length === 0) expect(score).toBeNull()
        else expect(score! >= -100 && score! <= 100).toBe(true)
      }),
      RUNS,
    )
  })

  it('CSAT/CES metrics are finite (percent 0–100, normalised 0–1) or null', () => {
    fc.assert(
      fc.property(answers, (list) => {
        for (const a of list) {
          expect(['satisfied', 'neutral', 'unsatisfied']).toContain(satisfactionCategory(a))
        }
        const percent = satisfiedPercent(list)
        expect(finiteOrNull(percent)).toBe(true)
        if (percent !== null) expect(percent >= 0 && percent <= 100).toBe(true)
        const average = averageNormalised(list)
        expect(finiteOrNull(average)).toBe(true)
        if (average !== null) expect(average >= 0 && average <= 1).toBe(true)
        expect(finiteOrNull(cesAverage(list))).toBe(true)
        const sameScale = list.map((a) => ({ ...a, scale: { min: 1, max: 7 } }))
        expect(finiteOrNull(cesAverage(sameScale))).toBe(true)
      }),
      RUNS,
    )
  })

  it('ticket medians and first-contact resolution are finite or null', () => {
    const value = fc.option(anyNumber, { nil: null })
    fc.assert(
      fc.property(fc.array(value, { maxLength: 20 }), (values) => {
        expect(finiteOrNull(medianMinutes(values))).toBe(true)
        const tickets = values.map((v, i) =>
          ticket(String(i), { replies: v, reopens: v ?? 0, fullResolutionMinutes: v }),
        )
        const percent = firstContactResolutionPercent(tickets)
        expect(finiteOrNull(percent)).toBe(true)
      }),
      RUNS,
    )
  })

  it('a huge mean stays finite: two answers of ±1e308 on one scale', () => {
    const huge = { min: -1e308, max: 1e308 }
    expect(
      cesAverage([
        { score: 1e308, scale: huge },
        { score: 1e308, scale: huge },
      ]),
    ).toBe(1e308)
    expect(medianMinutes([1e308, 1e308])).toBe(1e308)
    expect(npsPoints({ score: 1e308, scale: huge })).toBe(10)
  })
})
