import type { CustomerView } from '../model/index.ts'
import type { SqlPort } from './port.ts'
import { parseJson } from './rows.ts'

/** Filters on stored views; several are ANDed. */
export type ViewFilter = 'friction' | 'nps' | 'both_sources'

const OPEN_FRICTION = `EXISTS (SELECT 1 FROM json_each(v.body, '$.friction') f
  WHERE json_extract(f.value, '$.open') = 1)`
const HAS_NPS = `json_extract(v.body, '$.nps.latest') IS NOT NULL`

/** Each filter as a condition on the stored view (`views.body`), so paging happens in SQL. */
const CONDITIONS: Record<ViewFilter, string> = {
  friction: OPEN_FRICTION,
  nps: HAS_NPS,
  both_sources: `(SELECT count(DISTINCT json_extract(i.value, '$.source'))
    FROM json_each(v.body, '$.customer.identities') i) >= 2`,
}

/** A page of views by customer id, with how many match the filters in all. */
export function pageViews(
  sql: SqlPort,
  query: { limit: number; offset: number; has: readonly ViewFilter[] },
): { total: number; views: CustomerView[] } {
  const where = query.has.length
    ? `WHERE ${[...new Set(query.has)].map((f) => CONDITIONS[f]).join(' AND ')}`
    : ''
  const [count] = sql.all<{ n: number }>(`SELECT count(*) AS n FROM views v ${where}`)
  const rows = sql.all<{ body: string }>(
    `SELECT v.body FROM views v ${where} ORDER BY v.customer_id LIMIT ? OFFSET ?`,
    query.limit,
    query.offset,
  )
  return {
    total: Number(count?.n ?? 0),
    views: rows.map((r) => parseJson<CustomerView>(r.body)),
  }
}

/**
 * Views of customers with an identity of `source`/`account`/`object`, the telling ones first: open
 * friction and an NPS answer, then friction only, then NPS only, then the others; by customer id
 * within each group.
 */
export function viewsWithIdentity(
  sql: SqlPort,
  query: { source: string; account: string; object: string; limit: number },
): CustomerView[] {
  return sql
    .all<{ body: string }>(
      `SELECT v.body FROM views v
       WHERE EXISTS (SELECT 1 FROM json_each(v.body, '$.customer.identities') i
         WHERE json_extract(i.value, '$.source') = ?
           AND json_extract(i.value, '$.account') = ?
           AND json_extract(i.value, '$.object') = ?)
       ORDER BY (${OPEN_FRICTION}) AND (${HAS_NPS}) DESC, (${OPEN_FRICTION}) DESC, (${HAS_NPS}) DESC,
         v.customer_id
       LIMIT ?`,
      query.source,
      query.account,
      query.object,
      query.limit,
    )
    .map((r) => parseJson<CustomerView>(r.body))
}
