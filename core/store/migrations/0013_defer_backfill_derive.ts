/**
 * A backfill's re-derives wait for its end: `deferred_by` names the connection whose backfill page
 * queued a person (NULL: derive promptly). A person who already has a view and is deferred is left
 * in the queue until that connection's first run finishes (the store then clears the column); the
 * index serves the derive's "ready" scan (NULL first, by key) and that release.
 */
export default `
ALTER TABLE pending_derive ADD COLUMN deferred_by TEXT;
CREATE INDEX pending_derive_deferred ON pending_derive (deferred_by, ref_key);
`
