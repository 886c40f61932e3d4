import { describe, expect, it } from 'vitest'
import {
  averageNormalised,
  cesAverage,
  satisfactionCategory,
  satisfiedPercent,
} from './satisfaction.ts'

const on = (min: number, max: number) => (score: number) => ({
  score,
  scale: { min, max },
  normalised: (score - min) / (max - min),
})

describe('satisfactionCategory', () => {
  it('2-point: bad is unsatisfied, good satisfied', () => {
    expect([1, 2].map(on(1, 2)).map(satisfactionCategory)).toEqual(['unsatisfied', 'satisfied'])
  })

  it('3-point: the middle answer is neutral, not satisfied', () => {
    expect([1, 2, 3].map(on(1, 3)).map(satisfactionCategory)).toEqual([
      'unsatisfied',
      'neutral',
      'satisfied',
    ])
  })

  it('5-point: 4 and 5 are satisfied, 3 neutral', () => {
    expect([1, 2, 3, 4, 5].map(on(1, 5)).map(satisfactionCategory)).toEqual([
      'unsatisfied',
      'unsatisfied',
      'neutral',
      'satisfied',
      'satisfied',
    ])
  })

  it('7-point CES: 5–7 satisfied, 4 neutral; an even scale has no neutral', () => {
    expect([3, 4, 5].map(on(1, 7)).map(satisfactionCategory)).toEqual([
      'unsatisfied',
      'neutral',
      'satisfied',
    ])
    expect([2, 3].map(on(1, 4)).map(satisfactionCategory)).toEqual(['unsatisfied', 'satisfied'])
  })
})

describe('satisfiedPercent and averages', () => {
  it('counts satisfied answers among all, across scales', () => {
    // 5/5 yes, 3/5 neutral (not satisfied), 2/2 yes, 1/2 no: 2 of 4.
    expect(satisfiedPercent([on(1, 5)(5), on(1, 5)(3), on(1, 2)(2), on(1, 2)(1)])).toBe(50)
    expect(satisfiedPercent([on(1, 3)(2), on(1, 3)(3), on(1, 3)(3)])).toBeCloseTo(66.6667, 3)
    expect(satisfiedPercent([])).toBeNull()
  })

  it('averages normalised answers, and CES on its own scale only when scales agree', () => {
    expect(averageNormalised([on(1, 5)(5), on(1, 5)(3), on(1, 2)(1)])).toBeCloseTo(0.5, 10)
    expect(averageNormalised([])).toBeNull()
    expect(cesAverage([on(1, 7)(7), on(1, 7)(4), on(1, 7)(2)])).toBeCloseTo(13 / 3, 10)
    expect(cesAverage([on(1, 7)(7), on(1, 5)(4)])).toBeNull()
    expect(cesAverage([])).toBeNull()
  })
})
