import { describe, expect, it } from 'vitest'
import { DAYS, ago, defaults, response } from '../friction/records.fixtures.ts'
import { selectVerbatims } from './select.ts'

describe('selectVerbatims', () => {
  it('keeps unhappy answers with a comment, newest first, five at most, all counted', () => {
    const answers = [
      ...Array.from({ length: 6 }, (_, i) =>
        response(`d${i}`, 'nps', i, {
          comment: `Facturé deux fois (${i})`,
          submittedAt: ago((20 - i) * DAYS),
        }),
      ),
      response('promoter', 'nps', 10, { comment: 'Great service', submittedAt: ago(1 * DAYS) }),
      response('silent', 'nps', 2, { comment: '   ', submittedAt: ago(1 * DAYS) }),
      response('csat-low', 'csat', 2, { comment: 'Nobody answered', submittedAt: ago(2 * DAYS) }),
      response('csat-ok', 'csat', 4, { comment: 'Fine', submittedAt: ago(2 * DAYS) }),
    ]
    const { items, total } = selectVerbatims(answers, defaults)
    expect(total).toBe(7)
    expect(items.map((v) => v.ref.id)).toEqual(['csat-low', 'd5', 'd4', 'd3', 'd2'])
    expect(items[1]).toMatchObject({
      kind: 'nps',
      score: 5,
      scale: { min: 0, max: 10 },
      comment: 'Facturé deux fois (5)',
      language: 'fr',
      themes: ['billing'],
    })
    expect(items[0]?.themes).toEqual(['support_wait'])
  })

  it('follows the tenant’s detractor mark', () => {
    const answer = response('n', 'nps', 7, { comment: 'Meh' })
    expect(selectVerbatims([answer], defaults).total).toBe(0)
    expect(selectVerbatims([answer], { ...defaults, npsDetractorMax: 7 }).total).toBe(1)
  })
})
