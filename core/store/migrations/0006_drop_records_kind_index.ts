/**
 * `kind` has four values, so an index on it selects a quarter of the table at best; yet SQLite's
 * planner, without statistics, preferred it to the selective requester/respondent/ticket/ref_key
 * indexes, which made every customer derive scan all tickets (a backfill went quadratic: the
 * benchmark measured half of a 3,000-ticket sync in those reads). Without it, each derive read is an
 * index lookup.
 */
export default `
DROP INDEX IF EXISTS records_kind;
`
