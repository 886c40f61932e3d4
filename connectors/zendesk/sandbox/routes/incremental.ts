import type { Context, Hono } from 'hono'
import { decodeExportCursor, encodeExportCursor, type ExportPosition } from '../cursor.ts'
import {
  lowerBound,
  organizationsByTimestamp,
  ticketsByTimestamp,
  usersByTimestamp,
} from '../state.ts'
import type { ZTicket } from '../types.ts'
import { intParam, type RouteContext, supportError, withMalformed } from './context.ts'

const MAX_PER_PAGE = 1000

interface SortedView<T> {
  items: T[]
  keys: Float64Array
}

/**
 * One page of a cursor-based export. Items are ordered by (timestamp, id); the most recent minute
 * is withheld. A cursor resumes at the start of its timestamp, so items sharing the last
 * timestamp of a page come again at the top of the next one (as Zendesk's do when timestamps
 * tie), unless that timestamp alone fills a page, where it resumes after the last id.
 */
export function cursorPage<T extends { id: number }>(
  view: SortedView<T>,
  from: { position: ExportPosition; resume: boolean },
  perPage: number,
  cutoff: number,
) {
  const { items, keys } = view
  let start: number
  if (from.resume) {
    const tiesStart = lowerBound(keys, from.position.ts)
    const tiesEnd = lowerBound(keys, from.position.ts + 1)
    if (tiesEnd - tiesStart < perPage) start = tiesStart
    else {
      start = tiesStart
      while (start < tiesEnd && (items[start] as T).id <= from.position.id) start++
    }
  } else start = lowerBound(keys, from.position.ts)
  const end = Math.max(start, lowerBound(keys, cutoff))
  const stop = Math.min(start + perPage, end)
  const page = items.slice(start, stop)
  const last =
    stop > start ? { ts: keys[stop - 1] as number, id: (items[stop - 1] as T).id } : from.position
  return { page, after: last, endOfStream: stop >= end }
}

/** Reads `start_time` / `cursor`, applying Zendesk's rules; returns a Response on a bad request. */
function exportStart(
  c: Context,
  nowSec: number,
): { position: ExportPosition; resume: boolean; cursor: string | null } | Response {
  const cursor = c.req.query('cursor')
  // A cursor wins over start_time (sending both is a client bug: a later page must send only the cursor).
  if (cursor) {
    const position = decodeExportCursor(cursor)
    if (!position) return supportError(c, 400, 'InvalidValue', 'Invalid cursor')
    return { position, resume: true, cursor }
  }
  const startTime = intParam(c.req.query('start_time'))
  if (startTime === undefined)
    return supportError(c, 400, 'InvalidValue', 'start_time or cursor is required')
  if (startTime === null || startTime < 0)
    return supportError(c, 400, 'InvalidValue', 'start_time must be a Unix epoch time in seconds')
  if (startTime > nowSec - 60) {
    return supportError(
      c,
      400,
      'InvalidValue',
      'Too recent start_time. Use a start_time older than 1 minute',
    )
  }
  return { position: { ts: startTime, id: 0 }, resume: false, cursor: null }
}

function perPageOf(c: Context): number | Response {
  const perPage = intParam(c.req.query('per_page'))
  if (perPage === null || (perPage !== undefined && perPage < 1))
    return supportError(c, 400, 'InvalidValue', 'per_page must be a positive integer')
  return Math.min(perPage ?? MAX_PER_PAGE, MAX_PER_PAGE)
}

function urlWith(base: string, path: string, c: Context, cursor: string): string {
  const params = new URLSearchParams()
  for (const name of ['per_page', 'include', 'exclude_deleted']) {
    const value = c.req.query(name)
    if (value) params.set(name, value)
  }
  params.set('cursor', cursor)
  return `${base}${path}?${params.toString()}`
}

export function registerIncremental(app: Hono, ctx: RouteContext): void {
  const ticketsPath = '/api/v2/incremental/tickets/cursor.json'
  const ticketsHandler = (c: Context) => {
    const nowSec = Math.floor(ctx.state.now() / 1000)
    const start = exportStart(c, nowSec)
    if (start instanceof Response) return start
    const perPage = perPageOf(c)
    if (perPage instanceof Response) return perPage
    const result = cursorPage(ticketsByTimestamp(ctx.state), start, perPage, nowSec - 60)
    const excludeDeleted = c.req.query('exclude_deleted') === 'true'
    const tickets: ZTicket[] = excludeDeleted
      ? result.page.filter((t) => t.status !== 'deleted')
      : result.page
    const after = encodeExportCursor(result.after)
    const base = ctx.baseUrl(c)
    const body: Record<string, unknown> = {
      tickets: withMalformed(ctx, 'tickets', tickets),
      after_url: urlWith(base, ticketsPath, c, after),
      after_cursor: after,
      before_url: start.cursor ? urlWith(base, ticketsPath, c, start.cursor) : null,
      before_cursor: start.cursor,
      end_of_stream: result.endOfStream,
    }
    const include = (c.req.query('include') ?? '').split(',')
    if (include.includes('metric_sets')) {
      body.metric_sets = tickets.flatMap((t) => {
        const m = ctx.state.account.metricSets.get(t.id)
        return m && t.status !== 'deleted' ? [m] : []
      })
    }
    return c.json(body)
  }
  app.get(ticketsPath, ticketsHandler)
  app.get('/api/v2/incremental/tickets/cursor', ticketsHandler)

  const usersPath = '/api/v2/incremental/users/cursor.json'
  const usersHandler = (c: Context) => {
    const nowSec = Math.floor(ctx.state.now() / 1000)
    const start = exportStart(c, nowSec)
    if (start instanceof Response) return start
    const perPage = perPageOf(c)
    if (perPage instanceof Response) return perPage
    const result = cursorPage(usersByTimestamp(ctx.state), start, perPage, nowSec - 60)
    const after = encodeExportCursor(result.after)
    const base = ctx.baseUrl(c)
    return c.json({
      users: withMalformed(ctx, 'users', result.page),
      after_url: urlWith(base, usersPath, c, after),
      after_cursor: after,
      before_url: start.cursor ? urlWith(base, usersPath, c, start.cursor) : null,
      before_cursor: start.cursor,
      end_of_stream: result.endOfStream,
    })
  }
  app.get(usersPath, usersHandler)
  app.get('/api/v2/incremental/users/cursor', usersHandler)

  // Time-based export: pages of up to 1000, extended so one timestamp never straddles two pages'
  // boundary unseen; the next page starts at `end_time` (items at that second come again).
  const orgsPath = '/api/v2/incremental/organizations.json'
  const orgsHandler = (c: Context) => {
    const nowSec = Math.floor(ctx.state.now() / 1000)
    const startTime = intParam(c.req.query('start_time'))
    if (startTime === undefined)
      return supportError(c, 400, 'InvalidValue', 'start_time is required')
    if (startTime === null || startTime < 0)
      return supportError(c, 400, 'InvalidValue', 'start_time must be a Unix epoch time in seconds')
    if (startTime > nowSec - 60)
      return supportError(
        c,
        400,
        'InvalidValue',
        'Too recent start_time. Use a start_time older than 1 minute',
      )
    const perPage = perPageOf(c)
    if (perPage instanceof Response) return perPage
    const { items, keys } = organizationsByTimestamp(ctx.state)
    const start = lowerBound(keys, startTime)
    const end = Math.max(start, lowerBound(keys, nowSec - 60))
    let stop = Math.min(start + perPage, end)
    while (stop > start && stop < end && keys[stop] === keys[stop - 1]) stop++
    const page = items.slice(start, stop)
    const lastTs = stop > start ? (keys[stop - 1] as number) : startTime
    const allOneSecond = stop > start && keys[start] === lastTs && stop - start >= perPage
    const endTime = allOneSecond ? lastTs + 1 : lastTs
    return c.json({
      organizations: withMalformed(ctx, 'organizations', page),
      next_page: `${ctx.baseUrl(c)}${orgsPath}?start_time=${endTime}${c.req.query('per_page') ? `&per_page=${perPage}` : ''}`,
      count: page.length,
      end_time: endTime,
      end_of_stream: stop >= end,
    })
  }
  app.get(orgsPath, orgsHandler)
  app.get('/api/v2/incremental/organizations', orgsHandler)
}
