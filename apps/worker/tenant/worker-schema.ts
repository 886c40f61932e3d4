import type { SqlPort } from '../../../core/store/port.ts'

/**
 * What the worker keeps in a tenant object beside the store's tables: who the tenant is with the hash
 * of its API key, when each connection's next slice is due, and its platform app installations.
 * Idempotent.
 */
const STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS worker_tenant (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    tenant_id TEXT NOT NULL,
    name TEXT NOT NULL,
    api_key_hash TEXT NOT NULL,
    created_ms INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS worker_schedule (
    connection_id TEXT PRIMARY KEY,
    every_minutes INTEGER NOT NULL,
    next_run_ms INTEGER NOT NULL,
    last_slice_ms INTEGER,
    last_slice_done INTEGER,
    last_slice_requests INTEGER,
    last_error TEXT
  )`,
  `CREATE TABLE IF NOT EXISTS worker_installations (
    platform TEXT NOT NULL,
    external_id TEXT NOT NULL,
    secret TEXT,
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY (platform, external_id)
  )`,
]

export function migrateWorkerTables(sql: SqlPort): void {
  for (const statement of STATEMENTS) sql.run(statement)
}
