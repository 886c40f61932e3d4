import { z } from 'zod'
import type { FetchContext } from '../../../core/sync/types.ts'
import type { CursorPageMeta } from '../types.ts'
import { getPage, readCursor, type StreamOptions } from './shared.ts'

/**
 * Cursor of the CSAT lists (cursor pagination inside a run, a time watermark across runs):
 * `{"start_time": <unix s>, "after": "<page[after]>" | null, "newest": <unix s>, "walk_started": <ms>}`.
 * A walk pages with `page[after]` under a fixed `start_time` filter; when it ends, the next walk
 * starts at `newest - lookback` (never earlier than the last one): ratings are edited after they
 * are created, and the store ignores versions it already has.
 */
export const WatermarkCursor = z.strictObject({
  start_time: z.number().int().nonnegative(),
  after: z.string().min(1).nullable(),
  newest: z.number().int().nonnegative(),
  walk_started: z.number().int().nonnegative(),
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
}

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
  const walkStarted = state.after === null ? ctx.now() : state.walk_started
  const params: Record<string, string> = {
    ...list.extraParams,
    [list.sinceParam]: String(state.start_time * (list.sinceMultiplier ?? 1)),
    'page[size]': String(list.pageSize),
    ...(state.after === null ? {} : { 'page[after]': state.after }),
  }
  const body = await getPage(ctx, options, list.path, params, list.envelope)
  const items = list.items(body)
  const newest = Math.max(state.newest, ...items.map((i) => list.createdAt(i) ?? 0))
  const after = body.meta?.has_more ? (body.meta.after_cursor ?? afterFromLink(body)) : null
  if (body.meta?.has_more && !after) {
    throw new Error(`GET ${list.path}: has_more without an after cursor`)
  }
  const next: WatermarkCursor = after
    ? { start_time: state.start_time, after, newest, walk_started: walkStarted }
    : {
        start_time: Math.max(state.start_time, newest - options.lookbackSeconds),
        after: null,
        newest,
        walk_started: walkStarted,
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
