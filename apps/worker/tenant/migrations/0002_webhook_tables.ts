// `IF NOT EXISTS`: adopts the tables of objects created before migrations were numbered (see 0001).
/**
 * The sealed signing secrets of a vendor account's webhooks (one per webhook), the events already
 * applied (idempotence; pruned after a TTL), and the targeted refresh each connection has pending.
 */
export default `
CREATE TABLE IF NOT EXISTS worker_webhook_signing_secrets (
  platform TEXT NOT NULL,
  account TEXT NOT NULL,
  webhook_id TEXT NOT NULL,
  secret TEXT NOT NULL,
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY (platform, account, webhook_id)
);
CREATE TABLE IF NOT EXISTS worker_webhook_events (
  event_key TEXT PRIMARY KEY,
  seen_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS worker_webhook_events_by_seen ON worker_webhook_events (seen_ms);
CREATE TABLE IF NOT EXISTS worker_webhook_refresh (
  connection_id TEXT PRIMARY KEY,
  refresh_at_ms INTEGER NOT NULL,
  armed INTEGER NOT NULL DEFAULT 0,
  coalesced INTEGER NOT NULL DEFAULT 0
)
`
