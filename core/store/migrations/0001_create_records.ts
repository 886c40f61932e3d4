// Migrations are TS modules exporting SQL (not .sql files) so the same files load in Node and in
// workerd without a loader or a bundler rule.

/** Every unified record, keyed by (source, account, object, id), guarded by the source's updatedAt. */
export default `
CREATE TABLE records (
  source TEXT NOT NULL,
  account TEXT NOT NULL,
  object TEXT NOT NULL,
  id TEXT NOT NULL,
  ref_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_ms INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL,
  requester_key TEXT,
  respondent_key TEXT,
  ticket_key TEXT,
  organisation_key TEXT,
  PRIMARY KEY (source, account, object, id)
);
CREATE INDEX records_kind ON records (kind);
CREATE INDEX records_requester ON records (requester_key) WHERE requester_key IS NOT NULL;
CREATE INDEX records_respondent ON records (respondent_key) WHERE respondent_key IS NOT NULL;
CREATE INDEX records_ticket ON records (ticket_key) WHERE ticket_key IS NOT NULL;
CREATE INDEX records_organisation ON records (organisation_key) WHERE organisation_key IS NOT NULL;
`
