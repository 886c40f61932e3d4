/**
 * Survey feeds (feeds.ts): each feed's saved format (a preset or a column mapping, JSON) and the
 * sealed HMAC secret its inbound webhook is signed with (null until one is generated).
 */
export default `
CREATE TABLE IF NOT EXISTS worker_feeds (
  feed TEXT PRIMARY KEY,
  config TEXT,
  secret TEXT,
  updated_ms INTEGER NOT NULL
);
`
