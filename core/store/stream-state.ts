import type { StreamState } from '../model/index.ts'
import type { SqlPort } from './port.ts'
import { redactCredentials } from '../sync/redact.ts'
import { optionalInstant } from './rows.ts'

/** What ops see per stream, plus when a parked stream may run again and which run it finished. */
export type StreamStatus = StreamState & {
  connectionId: string
  /** A rate-limited stream is parked until then (ISO), null when it may run. */
  retryAt: string | null
  /** Id of the last sync run this stream reached its end in. */
  doneRun: number | null
}

/** A change to a stream's state. Counts are added to the stored ones; absent fields stay as they are. */
export interface StreamStatePatch {
  cursor?: string | null
  status?: StreamState['status']
  caughtUp?: boolean
  lastSuccessMs?: number
  lagSeconds?: number | null
  counts?: Partial<StreamState['counts']>
  requests?: number
  lastError?: { atMs: number; message: string } | null
  retryAtMs?: number | null
  doneRun?: number | null
}

type Row = Record<string, string | number | null>

export function saveStreamState(
  sql: SqlPort,
  connectionId: string,
  stream: string,
  patch: StreamStatePatch,
): void {
  sql.run(
    'INSERT INTO stream_state (connection_id, stream) VALUES (?, ?) ON CONFLICT DO NOTHING',
    connectionId,
    stream,
  )
  const sets: string[] = []
  const params: (string | number | null)[] = []
  const set = (column: string, value: string | number | null) => {
    sets.push(`${column} = ?`)
    params.push(value)
  }
  if (patch.cursor !== undefined) set('cursor', patch.cursor)
  if (patch.status !== undefined) set('status', patch.status)
  if (patch.caughtUp !== undefined) set('caught_up', patch.caughtUp ? 1 : 0)
  if (patch.lastSuccessMs !== undefined) set('last_success_ms', patch.lastSuccessMs)
  if (patch.lagSeconds !== undefined) set('lag_seconds', patch.lagSeconds)
  if (patch.lastError !== undefined) {
    set('last_error_ms', patch.lastError?.atMs ?? null)
    set('last_error', patch.lastError?.message ?? null)
  }
  if (patch.retryAtMs !== undefined) set('retry_at_ms', patch.retryAtMs)
  if (patch.doneRun !== undefined) set('done_run', patch.doneRun)
  for (const [name, delta] of Object.entries(patch.counts ?? {})) {
    if (!delta) continue
    sets.push(`${name} = ${name} + ?`)
    params.push(delta)
  }
  if (patch.requests) {
    sets.push('requests = requests + ?')
    params.push(patch.requests)
  }
  if (sets.length === 0) return
  sql.run(
    `UPDATE stream_state SET ${sets.join(', ')} WHERE connection_id = ? AND stream = ?`,
    ...params,
    connectionId,
    stream,
  )
}

export function readStreamStates(sql: SqlPort, connectionId: string): StreamStatus[] {
  return sql
    .all<Row>('SELECT * FROM stream_state WHERE connection_id = ? ORDER BY rowid', connectionId)
    .map(toStreamStatus)
}

function toStreamStatus(row: Row): StreamStatus {
  return {
    connectionId: String(row.connection_id),
    stream: String(row.stream),
    cursor: row.cursor === null ? null : String(row.cursor),
    status: row.status as StreamState['status'],
    caughtUp: row.caught_up === 1,
    lastSuccessAt: optionalInstant(row.last_success_ms),
    lagSeconds: row.lag_seconds === null ? null : Number(row.lag_seconds),
    counts: {
      fetched: Number(row.fetched),
      written: Number(row.written),
      stale: Number(row.stale),
      quarantined: Number(row.quarantined),
      deleted: Number(row.deleted),
    },
    requests: Number(row.requests),
    lastError:
      row.last_error === null
        ? null
        : {
            at: optionalInstant(row.last_error_ms) ?? '',
            message: redactCredentials(String(row.last_error)),
          },
    retryAt: optionalInstant(row.retry_at_ms),
    doneRun: row.done_run === null ? null : Number(row.done_run),
  }
}
