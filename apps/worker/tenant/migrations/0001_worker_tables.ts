// Like core/store/migrations: TS modules exporting SQL, applied in order by `applyMigrations` and
// recorded in `worker_schema_migrations`. Never edit an applied migration; add the next number.
// `IF NOT EXISTS` here only: objects created before migrations were numbered already hold these
// tables, and this first migration adopts them as they are.
/**
 * Who the tenant is with the hash of its API key, when each connection's next slice is due, and its
 * platform app installations (sealed secrets).
 */
export default `
CREATE TABLE IF NOT EXISTS worker_tenant (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  tenant_id TEXT NOT NULL,
  name TEXT NOT NULL,
  api_key_hash TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS worker_schedule (
  connection_id TEXT PRIMARY KEY,
  every_minutes INTEGER NOT NULL,
  next_run_ms INTEGER NOT NULL,
  last_slice_ms INTEGER,
  last_slice_done INTEGER,
  last_slice_requests INTEGER,
  last_error TEXT
);
CREATE TABLE IF NOT EXISTS worker_installations (
  platform TEXT NOT NULL,
  external_id TEXT NOT NULL,
  secret TEXT,
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY (platform, external_id)
)
`
