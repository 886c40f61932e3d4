import { z } from 'zod'
import { Instant } from './source-ref.ts'

export const StreamCounts = z.strictObject({
  /** Vendor records seen (a repeated record counts each time). */
  fetched: z.number().int(),
  /** Records written (new or newer than what the store had). */
  written: z.number().int(),
  /** Records skipped because the store already had that version or a newer one. */
  stale: z.number().int(),
  quarantined: z.number().int(),
  deleted: z.number().int(),
})
export type StreamCounts = z.infer<typeof StreamCounts>

/** What ops see per stream of a connection. */
export const StreamState = z.strictObject({
  stream: z.string(),
  cursor: z.string().nullable(),
  status: z.enum(['idle', 'running', 'backing_off', 'failed']),
  /** The stream reached the vendor's present (end of stream) at least once. */
  caughtUp: z.boolean(),
  lastSuccessAt: Instant.nullable(),
  /** Seconds between now and the newest point the stream is known complete up to. */
  lagSeconds: z.number().nullable(),
  counts: StreamCounts,
  requests: z.number().int(),
  lastError: z.strictObject({ at: Instant, message: z.string() }).nullable(),
})
export type StreamState = z.infer<typeof StreamState>
