import type { TenantStore } from '../core/store/index.ts'
import type { CompactTruth } from './protocol.ts'

/**
 * Tickets in the store vs the sandbox's ground truth: the same ids, each with the same
 * `updated_at`, deleted exactly when Zendesk deleted it. Quarantined tickets count as missing.
 */
export function checkTickets(
  store: TenantStore,
  connectionId: string,
  account: string,
  truth: CompactTruth,
) {
  const rows = store.sql.all<{ id: string; updated_at: string; deleted: number }>(
    "SELECT id, updated_at, deleted FROM records WHERE source = 'zendesk' AND account = ? AND object = 'ticket'",
    account,
  )
  const stored = new Map(rows.map((r) => [Number(r.id), r]))
  const quarantined = store
    .listQuarantine({ connectionId, limit: 100_000 })
    .filter((q) => q.stream === 'tickets').length
  const missing: number[] = []
  const updatedAtDiffers: number[] = []
  const deletedDiffers: number[] = []
  const known = new Set<number>()
  for (const [id, updatedAt, deleted] of truth.tickets) {
    known.add(id)
    const row = stored.get(id)
    if (!row) {
      missing.push(id)
      continue
    }
    if (Date.parse(row.updated_at) !== Date.parse(updatedAt)) updatedAtDiffers.push(id)
    if ((row.deleted === 1) !== (deleted === 1)) deletedDiffers.push(id)
  }
  const extra = [...stored.keys()].filter((id) => !known.has(id))
  return {
    truthTickets: truth.tickets.length,
    truthDeleted: truth.tickets.filter((t) => t[2] === 1).length,
    storeTickets: rows.length,
    storeDeleted: rows.filter((r) => r.deleted === 1).length,
    quarantined,
    missing,
    extra,
    updatedAtDiffers,
    deletedDiffers,
    pass:
      missing.length === 0 &&
      extra.length === 0 &&
      updatedAtDiffers.length === 0 &&
      deletedDiffers.length === 0,
  }
}
