import { z } from 'zod'

/**
 * A stream's position, committed with each page. Three phases:
 * - `backfill`: the list endpoint by id (`after`), then the archived list, then incremental;
 * - `archived`: the archived list (`archived=true`), emitting what was archived since `since`;
 * - `incremental`: search on the modification date with a compound position (time, id), keyset
 *   paging only, so search's 10,000-result cap is never reached. `forward` reads `mod >= t` (or
 *   `> t`) sorted by time and moves `t` to the page's last time; when a full page all shares one
 *   time, `tie` reads `mod == t and hs_object_id > id` sorted by id, then `forward` resumes at `mod > t`.
 */
export const IncrementalCursor = z.strictObject({
  phase: z.literal('incremental'),
  mode: z.enum(['forward', 'tie']),
  /** Modification time (ms) the current query starts from. */
  t: z.number(),
  /** forward: `>=` rather than `>`. */
  inclusive: z.boolean(),
  /** tie: last id read at time `t`. */
  id: z.string().nullable(),
  /** forward, inclusive: ids already read at time `t`, left out of the next query (≤ 100). */
  seen: z.array(z.string()).max(100).default([]),
  /** Wall time this poll's chain of queries began (null: not yet); the next poll restarts at
   * `chainStartedAt - lookback`, which covers writes search had not indexed yet. */
  chainStartedAt: z.number().nullable(),
  /** When the next archived sweep is due, and when the last one began. */
  sweepAt: z.number(),
  lastSweepAt: z.number(),
})
export type IncrementalCursor = z.infer<typeof IncrementalCursor>

export const BackfillCursor = z.strictObject({
  phase: z.literal('backfill'),
  after: z.string().nullable(),
  startedAt: z.number(),
})
export type BackfillCursor = z.infer<typeof BackfillCursor>

export const ArchivedCursor = z.strictObject({
  phase: z.literal('archived'),
  after: z.string().nullable(),
  /** Only records archived at or after this time are emitted (0: all). */
  since: z.number(),
  startedAt: z.number(),
  resume: IncrementalCursor,
})
export type ArchivedCursor = z.infer<typeof ArchivedCursor>

export const StreamCursor = z.discriminatedUnion('phase', [
  BackfillCursor,
  ArchivedCursor,
  IncrementalCursor,
])
export type StreamCursor = z.infer<typeof StreamCursor>

export function encodeCursor(cursor: StreamCursor): string {
  return JSON.stringify({ v: 1, ...cursor })
}

export function decodeCursor(text: string, stream: string): StreamCursor {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new Error(`hubspot ${stream}: cursor is not JSON`)
  }
  const { v, ...rest } = (json ?? {}) as { v?: unknown }
  const parsed = StreamCursor.safeParse(rest)
  if (v !== 1 || !parsed.success) throw new Error(`hubspot ${stream}: unreadable cursor`)
  return parsed.data
}
