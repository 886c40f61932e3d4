/**
 * Alert delivery (alerts.ts): where an admin sends alerts (a webhook with its sealed signing
 * secret) and, per alert and destination, the attempts and outcome. The alerts themselves are the
 * store's outbox (core migration 0010).
 */
export default `
CREATE TABLE IF NOT EXISTS alert_destinations (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  url TEXT NOT NULL,
  sealed_secret TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS alert_deliveries (
  alert_id TEXT NOT NULL,
  destination_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL,
  last_status INTEGER,
  last_error TEXT,
  delivered_ms INTEGER,
  PRIMARY KEY (alert_id, destination_id)
);
CREATE INDEX IF NOT EXISTS alert_deliveries_due ON alert_deliveries (next_attempt_ms) WHERE status = 'pending';
`
