/** Tenant-wide settings (TenantSettings JSON), one row. */
export default `
CREATE TABLE settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  body TEXT NOT NULL
);
`
