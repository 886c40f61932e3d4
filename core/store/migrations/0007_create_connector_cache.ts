/**
 * What a connector looks up rarely and reuses across runs (ticket pipelines, survey versions),
 * per connection; dropped with the connection.
 */
export default `
CREATE TABLE connector_cache (
  connection_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  stored_ms INTEGER NOT NULL,
  PRIMARY KEY (connection_id, key)
);
`
