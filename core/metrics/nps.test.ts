import { describe, expect, it } from 'vitest'
import { npsCategory, npsPoints, npsScore } from './nps.ts'

const answers = (...scores: number[]) => scores.map((score) => ({ score }))

describe('npsCategory', () => {
  it('splits at 6/7 and 8/9', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ])
  })

  it('reads a stored score off the 0–10 scale clamped, never throwing', () => {
    expect([11, Infinity].map(npsCategory)).toEqual(['promoter', 'promoter'])
    expect([-1, -Infinity, Number.NaN].map(npsCategory)).toEqual([
      'detractor',
      'detractor',
      'detractor',
    ])
  })
})

describe('npsScore', () => {
  it('is % promoters minus % detractors, passives in neither', () => {
    // 3 promoters, 2 passives, 5 detractors out of 10: 30 − 50 = −20.
    expect(npsScore(answers(10, 9, 9, 8, 7, 6, 5, 3, 0, 1))).toBe(-20)
    // 2 promoters, 1 passive, 1 detractor: 50 − 25 = 25.
    expect(npsScore(answers(9, 10, 7, 2))).toBe(25)
    expect(npsScore(answers(8, 7))).toBe(0)
    expect(npsScore(answers(10))).toBe(100)
    expect(npsScore(answers(6))).toBe(-100)
  })

  it('has no score without answers', () => {
    expect(npsScore([])).toBeNull()
  })

  it('maps answers from another scale onto 0–10', () => {
    expect(npsPoints({ score: 9, scale: { min: 0, max: 10 } })).toBe(9)
    expect(npsPoints({ score: 5, scale: { min: 1, max: 5 } })).toBe(10)
    expect(npsPoints({ score: 3, scale: { min: 1, max: 5 } })).toBe(5)
  })
})
