import { rederive } from '../../../core/sync/derive.ts'
import type { TenantStore } from '../../../core/store/index.ts'

/** People re-derived per alarm pass at most (a settings change queues every customer's members). */
export const DERIVE_SLICE_PEOPLE = 1000
const BATCH = 200

export interface DeriveSlice {
  /** Customers written or deleted. */
  customers: string[]
  /** People still queued: the alarm runs again at once. */
  remaining: number
}

/**
 * Drains the store's derive queue, but at most `maxPeople` queued people per call, so one alarm
 * pass stays bounded however many views a settings change made stale.
 */
export function derivePendingSlice(
  store: TenantStore,
  options: { now: number; maxPeople?: number },
): DeriveSlice {
  const maxPeople = options.maxPeople ?? DERIVE_SLICE_PEOPLE
  const customers = new Set<string>()
  let taken = 0
  while (taken < maxPeople) {
    const keys = store.pendingDerive(Math.min(BATCH, maxPeople - taken))
    if (keys.length === 0) break
    for (const id of rederive(store, keys, { now: options.now })) customers.add(id)
    taken += keys.length
  }
  return { customers: [...customers].sort(), remaining: store.countPendingDerive() }
}
