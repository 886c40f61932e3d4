import { LOOKUP_REFS } from '../../../connectors/index.ts'
import type { CustomerQuery, TenantStore } from '../../../core/store/index.ts'
import { deriveOnDemand } from '../../../core/sync/derive.ts'
import { noteLookup } from './derive-pace.ts'
import type { LookupKey, LookupResult } from './rpc-types.ts'

/** Which record a vendor id names: each connector declares its own. */
const REFS = LOOKUP_REFS

/**
 * Finds the customer behind a sidebar's key and returns their materialised view. A vendor id needs
 * its account: the one named, or the tenant's only account of that vendor. A known person whose
 * view the alarm has not derived yet, or whose re-derive a backfill defers to its end, gets it
 * derived here, when small enough.
 */
export function lookupCustomer(store: TenantStore, key: LookupKey, nowMs: number): LookupResult {
  // Sidebars are reading: a running derive gives them half the thread (derive-pace.ts).
  noteLookup(store, nowMs)
  let query: CustomerQuery
  if (key.kind === 'email') {
    query = { by: 'email', email: key.email }
  } else {
    const { source, object, by } = REFS[key.kind]
    const accounts = store
      .listConnections()
      .filter((c) => c.source === source)
      .map((c) => c.account)
    const hinted = key.hint && accounts.includes(key.hint) ? key.hint : undefined
    const account = key.account ?? hinted ?? (accounts.length === 1 ? accounts[0] : undefined)
    if (!account || !accounts.includes(account)) {
      if (accounts.length === 0) return { status: 'not_found' }
      return { status: 'unknown_account', source, accounts }
    }
    query = { by, ref: { source, account, object, id: key.id } }
  }
  const found = viewOf(store, query)
  // Outside a backfill no found view waits for a re-derive: the lookup stays one read.
  if (found && !store.hasDeferredDerive()) return { status: 'found', viewJson: found }
  // Derived now: a queued person without a view yet, or one whose re-derive a backfill defers to
  // its end (so the sidebar does not show it stale for the backfill's length). Other queued
  // re-derives (a settings change, a webhook's page) keep serving the stored view: the alarm
  // reaches them within its passes, and lookups stay reads while it does.
  const people = store.personKeysOf(query)
  const outcome = people.length
    ? deriveOnDemand(store, people, { now: nowMs, deferredOnly: found !== null })
    : 'not_pending'
  const fresh = outcome === 'derived' ? viewOf(store, query) : null
  if (fresh) return { status: 'found', viewJson: fresh }
  // Too large to derive in a request: the stored view while the alarm gets to it.
  if (found) return { status: 'found', viewJson: found }
  return outcome === 'too_large' ? { status: 'pending' } : { status: 'not_found' }
}

function viewOf(store: TenantStore, query: CustomerQuery) {
  const customerId = store.findCustomerId(query)
  return customerId ? store.getViewJson(customerId) : null
}
