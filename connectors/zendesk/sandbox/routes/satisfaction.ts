import type { Context, Hono } from 'hono'
import { decodeListCursor, encodeListCursor } from '../cursor.ts'
import { seconds } from '../state.ts'
import type { ZSatisfactionRating } from '../types.ts'
import { intParam, type RouteContext, supportError, withMalformed } from './context.ts'

const SCORES: Record<string, (r: ZSatisfactionRating) => boolean> = {
  offered: (r) => r.score === 'offered',
  unoffered: (r) => r.score === 'unoffered',
  received: (r) => r.score === 'good' || r.score === 'bad',
  received_with_comment: (r) => (r.score === 'good' || r.score === 'bad') && !!r.comment,
  received_without_comment: (r) => (r.score === 'good' || r.score === 'bad') && !r.comment,
  good: (r) => r.score === 'good',
  good_with_comment: (r) => r.score === 'good' && !!r.comment,
  good_without_comment: (r) => r.score === 'good' && !r.comment,
  bad: (r) => r.score === 'bad',
  bad_with_comment: (r) => r.score === 'bad' && !!r.comment,
  bad_without_comment: (r) => r.score === 'bad' && !r.comment,
}

const SORTS: Record<string, (r: ZSatisfactionRating) => number> = {
  id: (r) => r.id,
  created_at: (r) => seconds(r.created_at),
  updated_at: (r) => seconds(r.updated_at),
}

/**
 * `GET /api/v2/satisfaction_ratings` (legacy CSAT) [ref: "Satisfaction Ratings"]. Cursor paging
 * with `page[size]` ≤ 100 and `page[after]`; offset paging (`page`, `per_page`) without them.
 * `start_time`/`end_time` bound `created_at` (a later change of score moves `updated_at` only);
 * default order is by id, ascending. [unverified: the order and which time the filters bound]
 */
export function registerSatisfaction(app: Hono, ctx: RouteContext): void {
  const handler = (c: Context) => {
    const q = (name: string) => c.req.query(name)
    const score = q('score')
    if (score && !SCORES[score])
      return supportError(
        c,
        400,
        'InvalidValue',
        `score must be one of ${Object.keys(SCORES).join(', ')}`,
      )
    const startTime = intParam(q('start_time'))
    const endTime = intParam(q('end_time'))
    if (startTime === null || endTime === null)
      return supportError(
        c,
        400,
        'InvalidValue',
        'start_time and end_time are Unix epoch times in seconds',
      )
    const sortParam = q('sort') ?? 'id'
    const desc = sortParam.startsWith('-')
    const sortKey = SORTS[desc ? sortParam.slice(1) : sortParam]
    if (!sortKey)
      return supportError(
        c,
        400,
        'InvalidValue',
        'sort must be id, created_at or updated_at, optionally prefixed with -',
      )
    const key = (r: ZSatisfactionRating) => `${sortKey(r)}:${r.id}`
    const compare = (a: ZSatisfactionRating, b: ZSatisfactionRating) =>
      (sortKey(a) - sortKey(b) || a.id - b.id) * (desc ? -1 : 1)
    const all = [...ctx.state.account.ratings.values()]
      .filter(
        (r) =>
          (!score || (SCORES[score] as (r: ZSatisfactionRating) => boolean)(r)) &&
          (startTime === undefined || seconds(r.created_at) >= startTime) &&
          (endTime === undefined || seconds(r.created_at) <= endTime),
      )
      .sort(compare)
    const base = `${ctx.baseUrl(c)}/api/v2/satisfaction_ratings.json`
    const keep = new URLSearchParams()
    for (const name of ['score', 'start_time', 'end_time', 'sort'])
      if (q(name)) keep.set(name, q(name) as string)

    const size = intParam(q('page[size]'))
    const after = q('page[after]')
    if (size !== undefined || after !== undefined) {
      if (size === null || (size !== undefined && size < 1))
        return supportError(
          c,
          400,
          'InvalidPaginationParameter',
          'page[size] must be a positive integer',
        )
      if (size !== undefined && size > 100)
        return supportError(c, 400, 'InvalidPaginationParameter', 'page[size] is limited to 100')
      const pageSize = size ?? 100
      let start = 0
      if (after) {
        const decoded = decodeListCursor(after)
        if (!decoded)
          return supportError(c, 400, 'InvalidPaginationParameter', 'Invalid page[after] cursor')
        const [v, id] = decoded.split(':').map(Number) as [number, number]
        const pivot = { v, id }
        start = all.findIndex((r) =>
          desc
            ? sortKey(r) < pivot.v || (sortKey(r) === pivot.v && r.id < pivot.id)
            : sortKey(r) > pivot.v || (sortKey(r) === pivot.v && r.id > pivot.id),
        )
        if (start < 0) start = all.length
      }
      const page = all.slice(start, start + pageSize)
      const hasMore = start + pageSize < all.length
      const first = page[0]
      const last = page[page.length - 1]
      const link = (name: string, cursor: string) => {
        const p = new URLSearchParams(keep)
        p.set(name, cursor)
        p.set('page[size]', String(pageSize))
        return `${base}?${p.toString()}`
      }
      const afterCursor = last ? encodeListCursor(key(last)) : null
      const beforeCursor = first ? encodeListCursor(key(first)) : null
      return c.json({
        satisfaction_ratings: withMalformed(ctx, 'satisfaction_ratings', page),
        meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
        links: {
          next: hasMore && afterCursor ? link('page[after]', afterCursor) : null,
          prev: beforeCursor && start > 0 ? link('page[before]', beforeCursor) : null,
        },
      })
    }

    const perPage = Math.min(intParam(q('per_page')) ?? 100, 100)
    const pageNumber = Math.max(1, intParam(q('page')) ?? 1)
    const page = all.slice((pageNumber - 1) * perPage, pageNumber * perPage)
    const offsetLink = (n: number) => {
      const p = new URLSearchParams(keep)
      p.set('page', String(n))
      p.set('per_page', String(perPage))
      return `${base}?${p.toString()}`
    }
    return c.json({
      satisfaction_ratings: withMalformed(ctx, 'satisfaction_ratings', page),
      next_page: pageNumber * perPage < all.length ? offsetLink(pageNumber + 1) : null,
      previous_page: pageNumber > 1 ? offsetLink(pageNumber - 1) : null,
      count: all.length,
    })
  }
  app.get('/api/v2/satisfaction_ratings', handler)
  app.get('/api/v2/satisfaction_ratings.json', handler)
}
