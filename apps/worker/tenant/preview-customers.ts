import type { CustomerView } from '../../../core/model/index.ts'
import type { TenantStore } from '../../../core/store/index.ts'

/** A customer of the preview's picker: the Zendesk user the sidebar opens, and why it is worth a look. */
export interface PreviewCandidate {
  zendeskUserId: string
  label: string
}

/**
 * Customers with a Zendesk user of `account`, the telling ones first: open friction and an NPS
 * answer, then friction only, then NPS only, then the others; by customer id within each group.
 */
export function previewCandidates(
  store: TenantStore,
  query: { account: string; limit: number },
): PreviewCandidate[] {
  const views = store.viewsWithIdentity({ source: 'zendesk', object: 'user', ...query })
  return views.flatMap((view) => {
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
