import { log } from '../log.ts'
import type { SliceMetrics } from './run-meter.ts'

export interface RunIds {
  tenantId: string
  connectionId: string
  runId: number
}

/** One line per slice (debug) or finished run (info), and one per stream that failed in it. */
export function logSlice(
  ids: RunIds,
  slice: { done: boolean; requests: number; errors: string[]; metrics: SliceMetrics },
): void {
  log(slice.done ? 'info' : 'debug', slice.done ? 'run_finished' : 'slice_done', {
    ...ids,
    requests: slice.requests,
    rateLimited: slice.metrics.rateLimited,
    waitedMs: Math.round(slice.metrics.waitedMs),
    errors: slice.errors.length,
  })
  for (const error of slice.errors) {
    // Errors read `stream: message` (sync-runner.ts).
    const at = error.indexOf(': ')
    const stream = at > 0 ? error.slice(0, at) : undefined
    log('warn', 'stream_failed', { ...ids, stream, message: at > 0 ? error.slice(at + 2) : error })
  }
}
