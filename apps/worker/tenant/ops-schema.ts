import type { SqlPort } from '../../../core/store/port.ts'

/**
 * Tables of the operations modules (connection-ops.ts, runs.ts, api-key-rotation.ts), applied as
 * the worker's migration 0003. Idempotent, so tests may create them on a bare SQL port too.
 */
export const OPS_TABLES = [
  // Per connection: a cron expression replacing the interval, and since when ops paused it.
  `CREATE TABLE IF NOT EXISTS worker_connection_ops (
    connection_id TEXT PRIMARY KEY,
    cron TEXT,
    paused_ms INTEGER
  )`,
  // One row per sync run (the store's runs.id), bounded per connection by runs.ts.
  `CREATE TABLE IF NOT EXISTS worker_run_history (
    run_id INTEGER PRIMARY KEY,
    connection_id TEXT NOT NULL,
    trigger TEXT NOT NULL,
    started_ms INTEGER NOT NULL,
    ended_ms INTEGER,
    outcome TEXT NOT NULL,
    slices INTEGER NOT NULL DEFAULT 0,
    requests INTEGER NOT NULL DEFAULT 0,
    rate_limited INTEGER NOT NULL DEFAULT 0,
    waited_ms INTEGER NOT NULL DEFAULT 0,
    streams TEXT NOT NULL DEFAULT '{}',
    errors TEXT NOT NULL DEFAULT '[]'
  )`,
  `CREATE INDEX IF NOT EXISTS worker_run_history_by_connection
    ON worker_run_history (connection_id, run_id)`,
  // Hashes of rotated-out API keys, accepted until they expire.
  `CREATE TABLE IF NOT EXISTS worker_api_key_grace (
    api_key_hash TEXT PRIMARY KEY,
    expires_ms INTEGER NOT NULL
  )`,
]

export function migrateOpsTables(sql: SqlPort): void {
  for (const statement of OPS_TABLES) sql.run(statement)
}
