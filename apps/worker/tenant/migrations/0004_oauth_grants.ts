/**
 * OAuth installs: the state of each connection's grant, beside its sealed tokens (the connection's
 * credentials). Nothing secret here: what the connect page and the connection state show.
 */
export default `CREATE TABLE IF NOT EXISTS oauth_grants (
  connection_id TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('active', 'needs_reconnect')),
  scopes TEXT NOT NULL,
  expires_ms INTEGER,
  error TEXT,
  installed_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
)`
