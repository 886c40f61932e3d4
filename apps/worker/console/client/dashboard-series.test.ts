import { describe, expect, it } from 'vitest'
import {
  formatMonth,
  formatNps,
  formatPercent,
  formatScore,
  kindLayers,
  monthTicks,
  monthSeconds,
  stack,
} from './dashboard-series.ts'

describe('chart series', () => {
  it('stacks layers as running sums, bottom first', () => {
    expect(
      stack([
        [1, 0, 2],
        [3, 1, 0],
        [5, 0, 1],
      ]),
    ).toEqual([
      [1, 0, 2],
      [4, 1, 2],
      [9, 1, 3],
    ])
    expect(stack([])).toEqual([])
  })

  it('puts each month at its first second, UTC', () => {
    expect(monthSeconds('2026-03')).toBe(Date.UTC(2026, 2, 1) / 1000)
  })

  it('lists friction kinds commonest first, with 0 where a month lacks one', () => {
    const layers = kindLayers([
      { kinds: { escalation: { points: 1, open: 1 }, low_csat: { points: 2, open: 0 } } },
      { kinds: { low_csat: { points: 3, open: 2 } } },
      { kinds: { nps_drop: { points: 1, open: 1 } } },
    ])
    expect(layers).toEqual([
      { kind: 'low_csat', points: [2, 3, 0], open: [0, 2, 0] },
      { kind: 'escalation', points: [1, 0, 0], open: [1, 0, 0] },
      { kind: 'nps_drop', points: [0, 0, 1], open: [0, 0, 1] },
    ])
  })
})

describe('figures as text', () => {
  it('names the month in the console language', () => {
    expect(formatMonth('2026-11', 'en')).toBe('Nov 2026')
    expect(formatMonth('2026-02', 'fr')).toBe('févr. 2026')
    // No local time zone moves the 1st back into the previous month.
    expect(formatMonth('2026-01', 'en')).toBe('Jan 2026')
  })

  it('signs an NPS and keeps one decimal at most', () => {
    expect(formatNps(12.5, 'en')).toBe('+12.5')
    expect(formatNps(-40, 'en')).toBe('-40')
    expect(formatNps(0, 'en')).toBe('0')
    expect(formatNps(33.3, 'fr')).toBe('+33,3')
    expect(formatNps(null, 'en')).toBe('—')
  })

  it('shows shares and scores as people read them', () => {
    expect(formatPercent(82.5, 'en')).toBe('82.5%')
    // ICU versions differ on the space before % (no-break or narrow no-break).
    expect(formatPercent(82.5, 'fr')).toMatch(/^82,5\s%$/)
    expect(formatScore(3, { min: 0, max: 10 })).toBe('3/10')
    expect(formatScore(2, { min: 1, max: 5 })).toBe('2/5')
    expect(formatScore(4, { min: 2, max: 7 })).toBe('4 (2–7)')
  })
})

describe('month axis', () => {
  const months = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04']

  it('gives the year on the first month and on January only', () => {
    expect(monthTicks(months, 1000, 'en')).toEqual([
      'Nov 2025',
      'Dec',
      'Jan 2026',
      'Feb',
      'Mar',
      'Apr',
    ])
  })

  it('labels every k-th month when all would not fit', () => {
    expect(monthTicks(months, 200, 'en')).toEqual(['Nov 2025', '', 'Jan 2026', '', 'Mar', ''])
    expect(monthTicks(months, 130, 'en')).toEqual(['Nov 2025', '', '', 'Feb', '', ''])
  })
})
