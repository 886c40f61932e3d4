import type { Context, Hono } from 'hono'
import { decodeListCursor, encodeListCursor } from '../cursor.ts'
import { ulidTime } from '../prng.ts'
import { renderSurvey, renderSurveyResponse } from '../render.ts'
import { guideError, intParam, type RouteContext, withMalformed } from './context.ts'

const MAX_PAGE_SIZE = 50

/**
 * CSAT survey responses [ref: "CSAT survey responses"]. The list answers carry bare questions; the
 * scale's options (how many points, their labels) come from the show endpoint
 * `GET /api/v2/guide/{locale}/survey_responses/{id}` or the survey version
 * `GET /api/v2/guide/{locale}/surveys/{id}/{version}`. `filter[created_at_start|end]` are Unix
 * epoch **milliseconds** and bound the response's creation (the time its ULID carries).
 */
export function registerSurveyResponses(app: Hono, ctx: RouteContext): void {
  const list = (c: Context) => {
    const q = (name: string) => c.req.query(name)
    const split = (v: string | undefined) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : null
    const responders = split(q('filter[responder_ids]'))
    const zrns = split(q('filter[subject_zrns]'))
    const from = intParam(q('filter[created_at_start]'))
    const to = intParam(q('filter[created_at_end]'))
    if (from === null || to === null)
      return guideError(
        c,
        400,
        'InvalidParameter',
        'filter[created_at_start] and filter[created_at_end] are Unix epoch times in milliseconds',
      )
    const sort = q('sort') ?? 'id'
    if (sort !== 'id' && sort !== '-id')
      return guideError(c, 400, 'InvalidParameter', 'sort must be id or -id')
    const size = intParam(q('page[size]'))
    if (size === null || (size !== undefined && (size < 1 || size > MAX_PAGE_SIZE))) {
      return guideError(
        c,
        400,
        'InvalidPaginationParameter',
        `page[size] must be between 1 and ${MAX_PAGE_SIZE}`,
      )
    }
    const pageSize = size ?? MAX_PAGE_SIZE
    const desc = sort === '-id'
    const all = [...ctx.state.account.surveyResponses.values()]
      .filter((r) => {
        if (responders && !responders.includes(String(r.responder_id))) return false
        if (zrns && !zrns.includes(`zen:ticket:${r.ticket_id}`)) return false
        const created = ulidTime(r.id)
        return (from === undefined || created >= from) && (to === undefined || created <= to)
      })
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * (desc ? -1 : 1))
    let start = 0
    const after = q('page[after]')
    if (after) {
      const pivot = decodeListCursor(after)
      if (!pivot)
        return guideError(c, 400, 'InvalidPaginationParameter', 'Invalid page[after] cursor')
      start = all.findIndex((r) => (desc ? r.id < pivot : r.id > pivot))
      if (start < 0) start = all.length
    }
    const page = all.slice(start, start + pageSize)
    const versions = ctx.state.account.surveyVersions
    const first = page[0]
    const last = page[page.length - 1]
    return c.json({
      meta: {
        after_cursor: last ? encodeListCursor(last.id) : null,
        before_cursor: first ? encodeListCursor(first.id) : null,
        has_more: start + pageSize < all.length,
      },
      survey_responses: withMalformed(
        ctx,
        'survey_responses',
        page.map((r) => renderSurveyResponse(r, versions)),
      ),
    })
  }
  app.get('/api/v2/guide/survey_responses', list)
  app.get('/api/v2/guide/survey_responses.json', list)

  app.get('/api/v2/guide/:locale/survey_responses/:id', (c) => {
    const id = c.req.param('id').replace(/\.json$/, '')
    const response = ctx.state.account.surveyResponses.get(id)
    if (!response) return guideError(c, 404, 'NotFound', 'The survey response could not be found')
    return c.json({
      survey_response: renderSurveyResponse(
        response,
        ctx.state.account.surveyVersions,
        c.req.param('locale'),
      ),
    })
  })

  app.get('/api/v2/guide/:locale/surveys', (c) => {
    const current = ctx.state.account.surveyVersions.filter((v) => v.state === 'enabled')
    return c.json({
      meta: { after_cursor: null, before_cursor: null, has_more: false },
      surveys: current.map((v) => renderSurvey(v, c.req.param('locale'))),
    })
  })

  app.get('/api/v2/guide/:locale/surveys/:id/:version', (c) => {
    const version = ctx.state.account.surveyVersions.find(
      (v) => v.id === c.req.param('id') && String(v.version) === c.req.param('version'),
    )
    if (!version) return guideError(c, 404, 'NotFound', 'The survey could not be found')
    return c.json({ survey: renderSurvey(version, c.req.param('locale')) })
  })
}
