import type { SqlPort } from './port.ts'

/** Merge chains are short (A into B into C); the cap only guards against a corrupt cycle. */
const MAX_HOPS = 20

/**
 * A person's key, then the survivor of each recorded merge in turn: a merged-away id (a HubSpot
 * contact in `hs_merged_object_ids`, a Zendesk user named by `user.merged`) resolves to the
 * customer that absorbed it, even when the loser itself was never synced.
 */
export function keyAndSurvivors(sql: SqlPort, key: string): string[] {
  const keys = [key]
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const [row] = sql.all<{ into_key: string }>(
      'SELECT into_key FROM merges WHERE from_key = ?',
      keys[keys.length - 1]!,
    )
    if (!row || keys.includes(row.into_key)) break
    keys.push(row.into_key)
  }
  return keys
}
