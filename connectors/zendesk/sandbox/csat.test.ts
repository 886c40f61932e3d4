import { describe, expect, it } from 'vitest'
import { createZendeskSandbox } from './app.ts'
import { ulidTime } from './prng.ts'
import { get } from './testing.ts'

const sandbox = createZendeskSandbox({
  users: 300,
  tickets: 3000,
  now: Date.parse('2026-01-15T09:00:00Z'),
  rateLimits: { account: false },
})

describe('GET /api/v2/satisfaction_ratings', () => {
  it('pages with page[size] ≤ 100 and page[after], meta and links', async () => {
    const first = await get(sandbox, '/api/v2/satisfaction_ratings?page[size]=25')
    expect(first.body.satisfaction_ratings).toHaveLength(25)
    expect(first.body.meta.has_more).toBe(true)
    const second = await get(sandbox, first.body.links.next)
    const ids = [...first.body.satisfaction_ratings, ...second.body.satisfaction_ratings].map(
      (r: { id: number }) => r.id,
    )
    expect(new Set(ids).size).toBe(50)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    expect((await get(sandbox, '/api/v2/satisfaction_ratings?page[size]=101')).status).toBe(400)
  })

  it('filters by score and created_at window', async () => {
    const all = [...sandbox.state.account.ratings.values()]
    const bad = await get(sandbox, '/api/v2/satisfaction_ratings?score=bad&page[size]=100')
    expect(bad.body.satisfaction_ratings.every((r: { score: string }) => r.score === 'bad')).toBe(
      true,
    )
    const withComment = await get(
      sandbox,
      '/api/v2/satisfaction_ratings?score=received_with_comment&page[size]=100',
    )
    expect(
      withComment.body.satisfaction_ratings.every(
        (r: { comment: string | null; score: string }) => r.comment && r.score !== 'offered',
      ),
    ).toBe(true)
    const mid = all[Math.floor(all.length / 2)]!
    const t = Math.floor(Date.parse(mid.created_at) / 1000)
    const windowed = await get(
      sandbox,
      `/api/v2/satisfaction_ratings?start_time=${t}&end_time=${t + 86_400}&page[size]=100`,
    )
    const expected = all.filter(
      (r) => Date.parse(r.created_at) / 1000 >= t && Date.parse(r.created_at) / 1000 <= t + 86_400,
    )
    expect(windowed.body.satisfaction_ratings.map((r: { id: number }) => r.id)).toEqual(
      expected.map((r) => r.id).slice(0, 100),
    )
    expect((await get(sandbox, '/api/v2/satisfaction_ratings?score=great')).status).toBe(400)
  })

  it('falls back to offset paging without cursor parameters', async () => {
    const { body } = await get(sandbox, '/api/v2/satisfaction_ratings.json?per_page=10&page=2')
    expect(body.satisfaction_ratings).toHaveLength(10)
    expect(body.count).toBe(sandbox.state.account.ratings.size)
    expect(body.next_page).toContain('page=3')
  })
})

describe('GET /api/v2/guide/survey_responses', () => {
  it('pages with page[size] ≤ 50 in ULID order and refuses bigger pages', async () => {
    const first = await get(sandbox, '/api/v2/guide/survey_responses')
    expect(first.body.survey_responses).toHaveLength(50)
    expect(first.body.meta.has_more).toBe(true)
    const next = await get(
      sandbox,
      `/api/v2/guide/survey_responses?page[after]=${first.body.meta.after_cursor}`,
    )
    expect(next.body.survey_responses[0].id > first.body.survey_responses[49].id).toBe(true)
    expect((await get(sandbox, '/api/v2/guide/survey_responses?page[size]=51')).status).toBe(400)
    const desc = await get(sandbox, '/api/v2/guide/survey_responses?sort=-id&page[size]=3')
    const ids = desc.body.survey_responses.map((r: { id: string }) => r.id)
    expect(ids).toEqual([...ids].sort().reverse())
  })

  it('filters by subject zrn, responder and creation time in milliseconds', async () => {
    const sample = [...sandbox.state.account.surveyResponses.values()][10]!
    const byTicket = await get(
      sandbox,
      `/api/v2/guide/survey_responses?filter[subject_zrns]=zen:ticket:${sample.ticket_id}`,
    )
    expect(byTicket.body.survey_responses.map((r: { id: string }) => r.id)).toContain(sample.id)
    expect(byTicket.body.survey_responses[0].subjects[0]).toEqual({
      id: String(sample.ticket_id),
      type: 'ticket',
      zrn: `zen:ticket:${sample.ticket_id}`,
    })
    const byResponder = await get(
      sandbox,
      `/api/v2/guide/survey_responses?filter[responder_ids]=${sample.responder_id},1`,
    )
    expect(
      byResponder.body.survey_responses.every(
        (r: { responder_id: number }) => r.responder_id === sample.responder_id,
      ),
    ).toBe(true)
    const t = ulidTime(sample.id)
    const windowed = await get(
      sandbox,
      `/api/v2/guide/survey_responses?filter[created_at_start]=${t}&filter[created_at_end]=${t}`,
    )
    expect(windowed.body.survey_responses.map((r: { id: string }) => r.id)).toEqual([sample.id])
  })

  it('lists bare questions; the show endpoint carries the scale options in the locale', async () => {
    const rated = [...sandbox.state.account.surveyResponses.values()].filter((r) =>
      r.answers.some((a) => a.type === 'rating_scale'),
    )
    for (const points of [2, 3, 5]) {
      const r = rated.find(
        (x) => sandbox.state.account.surveyVersions[x.survey_version - 1]!.points === points,
      )!
      const listed = (
        await get(
          sandbox,
          `/api/v2/guide/survey_responses?filter[subject_zrns]=zen:ticket:${r.ticket_id}`,
        )
      ).body.survey_responses[0]
      const rating = listed.answers.find((a: { type: string }) => a.type === 'rating_scale')
      expect(rating.question.options).toBeUndefined()
      expect(rating.question.sub_type).toBe('customer_satisfaction')
      const shown = (await get(sandbox, `/api/v2/guide/fr/survey_responses/${r.id}`)).body
        .survey_response
      const q = shown.answers.find((a: { type: string }) => a.type === 'rating_scale').question
      expect(q.options.map((o: { rating: number }) => o.rating)).toEqual(
        Array.from({ length: points }, (_, i) => i + 1),
      )
      expect(q.headline.value).toMatch(/évaluez/)
      const version = (
        await get(sandbox, `/api/v2/guide/en-us/surveys/${r.survey_id}/${r.survey_version}`)
      ).body.survey
      expect(version.questions[0].options).toHaveLength(points)
    }
    expect((await get(sandbox, '/api/v2/guide/en-us/survey_responses/01NOPE')).status).toBe(404)
    const surveys = await get(sandbox, '/api/v2/guide/en-us/surveys')
    expect(surveys.body.surveys).toHaveLength(1)
    expect(surveys.body.surveys[0].version).toBe(3)
  })
})

describe('a changed rating', () => {
  it('keeps its creation, moves updated_at, and updates its ticket in the export', async () => {
    const box = createZendeskSandbox({ users: 200, tickets: 2000, rateLimits: { account: false } })
    const before = Math.floor(box.state.now() / 1000)
    box.advance(3600_000)
    const result = box.mutate({ changedRatings: 3 })
    expect(result.changedRatings).toHaveLength(3)
    box.advance(120_000)
    const exported = await get(
      box,
      `/api/v2/incremental/tickets/cursor.json?start_time=${before}&per_page=1000`,
    )
    for (const id of result.changedRatings) {
      const rating = box.state.account.ratings.get(id)!
      expect(Date.parse(rating.updated_at)).toBe(result.at)
      expect(Date.parse(rating.created_at)).toBeLessThan(result.at)
      const ticket = exported.body.tickets.find((t: { id: number }) => t.id === rating.ticket_id)
      expect(ticket?.satisfaction_rating).toEqual({
        id: rating.id,
        score: rating.score,
        comment: rating.comment,
      })
    }
  })
})

describe('a survey answered after it was offered', () => {
  it('answers an open offered response, keeping its id and creation, and updates the ticket', () => {
    const box = createZendeskSandbox({ users: 400, tickets: 4000, rateLimits: { account: false } })
    const at = box.state.now()
    const openBefore = [...box.state.account.surveyResponses.values()].filter(
      (r) =>
        r.answers.length === 0 &&
        Date.parse(r.expires_at) > at &&
        box.state.account.tickets.get(r.ticket_id)?.status === 'solved',
    )
    expect(openBefore.length).toBeGreaterThan(0)
    const result = box.mutate({ newSurveyResponses: openBefore.length + 2 })
    const late = result.surveyResponses.filter((id) => openBefore.some((r) => r.id === id))
    expect(late).toHaveLength(openBefore.length)
    for (const id of result.surveyResponses) {
      const r = box.state.account.surveyResponses.get(id)!
      expect(r.answers.some((a) => a.type === 'rating_scale')).toBe(true)
      expect(Date.parse(box.state.account.tickets.get(r.ticket_id)!.updated_at)).toBe(result.at)
      // Offered earlier when it was open before; else offered now.
      if (late.includes(id)) expect(ulidTime(id)).toBeLessThan(result.at)
      else expect(ulidTime(id)).toBe(result.at)
    }
  })
})
