/** Connections, per-stream sync state and runs, and the quarantine of records that could not map. */
export default `
CREATE TABLE connections (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  account TEXT NOT NULL,
  base_url TEXT NOT NULL,
  credentials BLOB,
  settings TEXT NOT NULL DEFAULT '{}',
  created_ms INTEGER NOT NULL
);
CREATE TABLE stream_state (
  connection_id TEXT NOT NULL,
  stream TEXT NOT NULL,
  cursor TEXT,
  status TEXT NOT NULL DEFAULT 'idle',
  caught_up INTEGER NOT NULL DEFAULT 0,
  last_success_ms INTEGER,
  lag_seconds REAL,
  fetched INTEGER NOT NULL DEFAULT 0,
  written INTEGER NOT NULL DEFAULT 0,
  stale INTEGER NOT NULL DEFAULT 0,
  quarantined INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  requests INTEGER NOT NULL DEFAULT 0,
  last_error_ms INTEGER,
  last_error TEXT,
  retry_at_ms INTEGER,
  done_run INTEGER,
  PRIMARY KEY (connection_id, stream)
);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  connection_id TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  finished_ms INTEGER
);
CREATE INDEX runs_open ON runs (connection_id, finished_ms);
CREATE TABLE quarantine (
  connection_id TEXT NOT NULL,
  stream TEXT NOT NULL,
  vendor_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  PRIMARY KEY (connection_id, stream, vendor_id)
);
`
