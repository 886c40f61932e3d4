/**
 * Alerts: the tenant's rules (AlertRules JSON, one row) and the outbox every derive writes fired
 * alerts to, in its own transaction. `seq` orders the log; a suppressed alert (history a first sync
 * brought) is kept so re-deriving the same data never raises it later.
 */
export default `
CREATE TABLE alert_rules (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  body TEXT NOT NULL
);
CREATE TABLE alerts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  rule TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  occurred_ms INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  settled_ms INTEGER,
  body TEXT NOT NULL
);
CREATE INDEX alerts_pending ON alerts (seq) WHERE status = 'pending';
`
