import { z } from 'zod'
import type { FetchContext } from '../../../core/sync/types.ts'
import type { CursorPageMeta } from '../types.ts'
import { clearHint, parseHint, takeHint, walkStartKey } from './csat-hints.ts'
import { getPage, idField, readCursor, type StreamOptions } from './shared.ts'

/**
 * Cursor of the CSAT lists (cursor pagination inside a run, a time watermark across runs):
 * `{"start_time": <unix s>, "after": "<page[after]>" | null, "newest": <unix s>, "walk_started": <ms>}`.
 * A walk pages with `page[after]` under a fixed `start_time` filter; when it ends, the next walk
 * starts at `newest - lookback` (never earlier than the last one). The lists filter on creation
 * only, so a walk starts earlier when the tickets stream left a hint (`csat-hints.ts`): `base` is
 * then the watermark the walk would have had, `hint` the hint it took (cleared when it ends), and
 * `unseen` the hinted ids not met yet; a walk that ends with some unseen runs once more from their
 * lower bound (`second`).
 */
export const WatermarkCursor = z.strictObject({
  start_time: z.number().int().nonnegative(),
  after: z.string().min(1).nullable(),
  newest: z.number().int().nonnegative(),
  walk_started: z.number().int().nonnegative(),
  base: z.number().int().nonnegative().optional(),
  hint: z.string().optional(),
  unseen: z.record(z.string(), z.number().int().nonnegative()).optional(),
  second: z.literal(true).optional(),
  /** When the last sweep (a walk from `now - lookback`, see `sweepEveryMs`) started, ms. */
  swept: z.number().int().nonnegative().optional(),
})
export type WatermarkCursor = z.infer<typeof WatermarkCursor>

export interface WatermarkedList<S extends z.ZodType<CursorPageMeta>> {
  stream: string
  path: string
  envelope: S
  items: (body: z.output<S>) => unknown[]
  /** The filter carrying the watermark (`start_time`, `filter[created_at_start]`). */
  sinceParam: string
  /** The watermark is unix seconds; 1000 when the filter takes milliseconds (default 1). */
  sinceMultiplier?: number
  pageSize: number
  extraParams?: Record<string, string>
  /** When an item was created (unix s), for the watermark; null when it cannot tell. */
  createdAt: (raw: unknown) => number | null
  /** How far back each walk re-reads (s); default the connector's `lookbackSeconds`. */
  lookbackSeconds?: number
  /**
   * A safety net for changes no hint announces: at most this often a walk starts at
   * `now - lookbackSeconds` (the connector's) instead of the watermark.
   */
  sweepEveryMs?: number
}

const CLOCK_SKEW_SECONDS = 300

export async function fetchWatermarkedPage<S extends z.ZodType<CursorPageMeta>>(
  list: WatermarkedList<S>,
  cursor: string | null,
  ctx: FetchContext,
  options: StreamOptions,
) {
  const state: WatermarkCursor =
    cursor === null
      ? { start_time: options.startTime, after: null, newest: options.startTime, walk_started: 0 }
      : readCursor(list.stream, cursor, WatermarkCursor)
  const fresh = state.after === null && !state.second
  const taken = fresh ? takeHint(ctx.cache, list.stream) : (state.hint ?? null)
  const hint = fresh ? parseHint(taken) : null
  const base = fresh ? state.start_time : (state.base ?? state.start_time)
  const sweep =
    fresh &&
    cursor !== null &&
    list.sweepEveryMs !== undefined &&
    ctx.now() - (state.swept ?? 0) >= list.sweepEveryMs
  const sweepFrom = sweep ? Math.floor(ctx.now() / 1000) - options.lookbackSeconds : Infinity
  const startTime = fresh
    ? Math.max(0, Math.min(state.start_time, hint?.since ?? Infinity, sweepFrom))
    : state.start_time
  const swept = fresh && (sweep || cursor === null) ? ctx.now() : state.swept
  const unseen = new Map(Object.entries(fresh ? (hint?.unseen ?? {}) : (state.unseen ?? {})))
  const walkStarted = fresh ? ctx.now() : state.walk_started
  const params: Record<string, string> = {
    ...list.extraParams,
    [list.sinceParam]: String(startTime * (list.sinceMultiplier ?? 1)),
    'page[size]': String(list.pageSize),
    ...(state.after === null ? {} : { 'page[after]': state.after }),
  }
  const body = await getPage(ctx, options, list.path, params, list.envelope)
  const items = list.items(body)
  for (const item of items) unseen.delete(idField(item))
  const newest = Math.max(state.newest, ...items.map((i) => list.createdAt(i) ?? 0))
  const after = body.meta?.has_more ? (body.meta.after_cursor ?? afterFromLink(body)) : null
  if (body.meta?.has_more && !after) {
    throw new Error(`GET ${list.path}: has_more without an after cursor`)
  }
  const carried = {
    base,
    ...(swept === undefined ? {} : { swept }),
    ...(taken === null ? {} : { hint: taken }),
    ...(unseen.size > 0 ? { unseen: Object.fromEntries(unseen) } : {}),
  }
  const lookback = list.lookbackSeconds ?? options.lookbackSeconds
  let next: WatermarkCursor
  if (after) {
    next = { start_time: startTime, after, newest, walk_started: walkStarted, ...carried }
    if (state.second) next.second = true
  } else if (!state.second && Math.min(...unseen.values()) < startTime) {
    // Hinted ids this walk never met may have been created before its start: one more walk from
    // the earliest they can have been created (their ticket's creation). Not met after it, they
    // left the list (deleted, or no longer an answer).
    const from = Math.min(...unseen.values())
    next = { start_time: from, after: null, newest, walk_started: walkStarted, ...carried }
    next.second = true
    return { items, cursor: JSON.stringify(next), done: false }
  } else {
    if (taken !== null) clearHint(ctx.cache, list.stream, taken)
    // A second that ended well before the walk began cannot gain records (they appear at their
    // creation; later changes come through hints): the next walk starts after it, so a poll does
    // not re-read the newest second's records (here 5 minutes is the margin for clock skew).
    const closed = newest < Math.floor(walkStarted / 1000) - CLOCK_SKEW_SECONDS
    const watermark = closed && lookback === 0 ? newest + 1 : newest - lookback
    next = {
      start_time: Math.max(base, watermark),
      after: null,
      newest,
      walk_started: walkStarted,
      ...(swept === undefined ? {} : { swept }),
    }
    ctx.cache?.set(walkStartKey(list.stream), String(next.start_time))
  }
  return {
    items,
    cursor: JSON.stringify(next),
    done: after === null,
    ...(after === null ? { completeUpTo: walkStarted } : {}),
  }
}

function afterFromLink(body: CursorPageMeta): string | null {
  if (!body.links?.next) return null
  try {
    return new URL(body.links.next).searchParams.get('page[after]')
  } catch {
    return null
  }
}

export function secondsOf(value: unknown): number | null {
  if (typeof value !== 'string') return null
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000)
}
