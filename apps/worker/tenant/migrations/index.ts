import { applyMigrations, type Migration, type SqlPort } from '../../../../core/store/index.ts'
import workerTables from './0001_worker_tables.ts'
import webhookTables from './0002_webhook_tables.ts'
import opsTables from './0003_ops_tables.ts'
import oauthGrants from './0004_oauth_grants.ts'
import lifecycleTables from './0005_lifecycle_tables.ts'
import alertTables from './0006_alert_tables.ts'
import feedTables from './0007_feed_tables.ts'

/** The worker's own tables in a tenant object, beside the store's; in order. */
export const WORKER_MIGRATIONS: readonly Migration[] = [
  { id: 1, name: '0001_worker_tables', sql: workerTables },
  { id: 2, name: '0002_webhook_tables', sql: webhookTables },
  { id: 3, name: '0003_ops_tables', sql: opsTables },
  { id: 4, name: '0004_oauth_grants', sql: oauthGrants },
  { id: 5, name: '0005_lifecycle_tables', sql: lifecycleTables },
  { id: 6, name: '0006_alert_tables', sql: alertTables },
  { id: 7, name: '0007_feed_tables', sql: feedTables },
]

/** Where the worker records its applied migrations (the store keeps `schema_migrations`). */
export const WORKER_MIGRATIONS_TABLE = 'worker_schema_migrations'

/** Applies the worker's pending migrations; returns their names. */
export function migrateWorker(sql: SqlPort, nowMs: number): string[] {
  return applyMigrations(sql, nowMs, WORKER_MIGRATIONS, WORKER_MIGRATIONS_TABLE)
}
