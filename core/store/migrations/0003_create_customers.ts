/** Derived data: customers, who belongs to them, their materialised views, and the derive outbox. */
export default `
CREATE TABLE customers (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  updated_ms INTEGER NOT NULL
);
CREATE TABLE customer_members (
  ref_key TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL
);
CREATE INDEX customer_members_customer ON customer_members (customer_id);
CREATE TABLE views (
  customer_id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  generated_ms INTEGER NOT NULL
);
CREATE TABLE pending_derive (
  ref_key TEXT PRIMARY KEY
);
`
