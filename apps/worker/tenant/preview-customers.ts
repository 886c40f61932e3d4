import type { CustomerView } from '../../../core/model/index.ts'
import type { SqlPort } from '../../../core/store/port.ts'

/** A customer of the preview's picker: the Zendesk user the sidebar opens, and why it is worth a look. */
export interface PreviewCandidate {
  zendeskUserId: string
  label: string
}

const OPEN_FRICTION = `EXISTS (SELECT 1 FROM json_each(v.body, '$.friction') f
  WHERE json_extract(f.value, '$.open') = 1)`
const HAS_NPS = `json_extract(v.body, '$.nps.latest') IS NOT NULL`

/**
 * Customers with a Zendesk user of `account`, the telling ones first: open friction and an NPS
 * answer, then friction only, then NPS only, then the others; by customer id within each group.
 */
export function previewCandidates(
  sql: SqlPort,
  query: { account: string; limit: number },
): PreviewCandidate[] {
  const rows = sql.all<{ body: string }>(
    `SELECT v.body FROM views v
     WHERE EXISTS (SELECT 1 FROM json_each(v.body, '$.customer.identities') i
       WHERE json_extract(i.value, '$.source') = 'zendesk'
         AND json_extract(i.value, '$.account') = ?
         AND json_extract(i.value, '$.object') = 'user')
     ORDER BY (${OPEN_FRICTION}) AND (${HAS_NPS}) DESC, (${OPEN_FRICTION}) DESC, (${HAS_NPS}) DESC,
       v.customer_id
     LIMIT ?`,
    query.account,
    query.limit,
  )
  return rows.flatMap((row) => {
    const view = JSON.parse(row.body) as CustomerView
    const user = view.customer.identities
      .filter((r) => r.source === 'zendesk' && r.account === query.account && r.object === 'user')
      .map((r) => r.id)
      .sort((a, b) => a.length - b.length || a.localeCompare(b))[0]
    return user ? [{ zendeskUserId: user, label: labelOf(view) }] : []
  })
}

/** `Marie Dupont · detractor · 3 open friction`: the name, then what the sidebar will show. */
export function labelOf(view: CustomerView): string {
  const open = view.friction.filter((f) => f.open).length
  const hints = [
    view.nps.latest?.category,
    open > 0 ? `${open} open friction` : null,
    view.tickets.open.length > 0 ? `${view.tickets.open.length} open tickets` : null,
  ].filter((h): h is string => Boolean(h))
  return [view.customer.displayName, ...hints].join(' · ')
}
