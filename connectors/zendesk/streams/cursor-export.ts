import { z } from 'zod'
import type { FetchContext } from '../../../core/sync/types.ts'
import { EXPORT_BUCKET, clampStartTime, getPage, readCursor, type StreamOptions } from './shared.ts'

/**
 * Cursor of the cursor-based exports (tickets, users):
 * - `{"start_time": <unix s>}` until Zendesk hands out a cursor (first call only),
 * - `{"after_cursor": "<opaque>"}` afterwards: later calls send ONLY `cursor=`, never `start_time`
 *   again (sending both re-anchors the export and skips records, a known connector bug).
 * At `end_of_stream` the last `after_cursor` is kept: it is the next poll point.
 */
export const ExportCursor = z.union([
  z.strictObject({ after_cursor: z.string().min(1) }),
  z.strictObject({ start_time: z.number().int().nonnegative() }),
])
export type ExportCursor = z.infer<typeof ExportCursor>

export interface ExportPage<E> {
  body: E
  cursor: string
  done: boolean
  /** end_of_stream: complete up to a minute ago (the export never returns the last minute). */
  completeUpTo?: number
}

export async function fetchExportPage<
  S extends z.ZodType<{ after_cursor?: string | null | undefined; end_of_stream: boolean }>,
>(
  stream: string,
  path: string,
  envelope: S,
  extraParams: Record<string, string>,
  cursor: string | null,
  ctx: FetchContext,
  options: StreamOptions,
): Promise<ExportPage<z.output<S>>> {
  const state: ExportCursor =
    cursor === null ? { start_time: options.startTime } : readCursor(stream, cursor, ExportCursor)
  const position: Record<string, string> =
    'after_cursor' in state
      ? { cursor: state.after_cursor }
      : { start_time: String(clampStartTime(state.start_time, ctx.now())) }
  const params = { ...position, per_page: String(Math.min(options.pageSize, 1000)), ...extraParams }
  const body = await getPage(ctx, options, path, params, envelope, [EXPORT_BUCKET])
  const next: ExportCursor = body.after_cursor
    ? { after_cursor: body.after_cursor }
    : 'after_cursor' in state
      ? state
      : { start_time: Number(position.start_time) }
  return {
    body,
    cursor: JSON.stringify(next),
    done: body.end_of_stream,
    ...(body.end_of_stream ? { completeUpTo: ctx.now() - 60_000 } : {}),
  }
}
