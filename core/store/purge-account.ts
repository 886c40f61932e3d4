import type { SqlPort } from './port.ts'
import { jsonList } from './rows.ts'
import { queuePrompt } from './write-page.ts'

/** What purging one vendor account's data removed. */
export interface AccountPurge {
  records: number
  people: number
}

/**
 * Every record synced from one vendor account and what points at it: its people's identity keys,
 * merges and tombstones under the account, derive-queue entries, the quarantine of its connections.
 * Its people are queued so the next derive rebuilds their customers from what other sources still
 * hold (or drops them). Records of other sources stay, even those naming this account's people.
 */
export function purgeAccount(sql: SqlPort, source: string, account: string): AccountPurge {
  return sql.transaction(() => {
    const people = sql
      .all<{ ref_key: string }>(
        "SELECT ref_key FROM records WHERE source = ? AND account = ? AND kind = 'person'",
        source,
        account,
      )
      .map((row) => row.ref_key)
    const [counted] = sql.all<{ n: number }>(
      'SELECT count(*) AS n FROM records WHERE source = ? AND account = ?',
      source,
      account,
    )
    const prefix = `${source}:${account}:`
    const under = (column: string) => `substr(${column}, 1, ${prefix.length}) = ?`
    const list = jsonList(people)
    sql.run('DELETE FROM identity_keys WHERE ref_key IN (SELECT value FROM json_each(?))', list)
    sql.run(`DELETE FROM merges WHERE ${under('from_key')} OR ${under('into_key')}`, prefix, prefix)
    sql.run(`DELETE FROM erasures WHERE ${under('ref_key')}`, prefix)
    sql.run(`DELETE FROM pending_derive WHERE ${under('ref_key')}`, prefix)
    sql.run(
      `DELETE FROM quarantine WHERE connection_id IN
         (SELECT id FROM connections WHERE source = ? AND account = ?)`,
      source,
      account,
    )
    sql.run('DELETE FROM records WHERE source = ? AND account = ?', source, account)
    // Their customers are re-derived without them: kept people re-clustered, the rest dropped.
    queuePrompt(sql, people)
    return { records: Number(counted?.n ?? 0), people: people.length }
  })
}
