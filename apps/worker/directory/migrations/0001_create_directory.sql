-- The global directory: which tenant owns which external account. Tenant data never lives here.
-- IF NOT EXISTS: the worker also applies this schema lazily (see directory/schema.ts), so both paths
-- may meet on the same database.
CREATE TABLE IF NOT EXISTS tenants (
  tenant_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- `zendesk:<subdomain>`, `hubspot:<portalId>` (connections, app installations and webhooks alike).
CREATE TABLE IF NOT EXISTS accounts (
  account_key TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  created_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS accounts_by_tenant ON accounts (tenant_id);
