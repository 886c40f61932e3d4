/**
 * The identity graph: normalised keys (email, phone, external id, ref) → person refKeys; merges seen
 * before or after their loser; erasures (ref keys and times only, no personal data) so a repeated
 * page cannot bring an erased record back.
 */
export default `
CREATE TABLE identity_keys (
  key TEXT NOT NULL,
  ref_key TEXT NOT NULL,
  PRIMARY KEY (key, ref_key)
) WITHOUT ROWID;
CREATE INDEX identity_keys_ref ON identity_keys (ref_key);
CREATE TABLE merges (
  from_key TEXT PRIMARY KEY,
  into_key TEXT NOT NULL,
  into_ref TEXT NOT NULL,
  at_ms INTEGER NOT NULL
);
CREATE TABLE erasures (
  ref_key TEXT PRIMARY KEY,
  until_ms INTEGER NOT NULL
);
`
