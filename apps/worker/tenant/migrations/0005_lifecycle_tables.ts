/**
 * The data lifecycle (tenant/lifecycle.ts): a connection's state beyond syncing (uninstalled and
 * when its data is purged; needs a reconnect, and why), consecutive auth failures seen, and the
 * tenant's retention setting. No personal data: ids, reasons written by cxlens, times.
 */
export default `
CREATE TABLE IF NOT EXISTS worker_connection_lifecycle (
  connection_id TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('active', 'needs_reconnect', 'uninstalled')),
  reason TEXT,
  since_ms INTEGER NOT NULL,
  purge_after_ms INTEGER,
  auth_failures INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS worker_connection_lifecycle_purge
  ON worker_connection_lifecycle (purge_after_ms) WHERE purge_after_ms IS NOT NULL;
CREATE TABLE IF NOT EXISTS worker_retention (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  retention_days INTEGER NOT NULL
)
`
