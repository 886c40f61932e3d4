import { LOOKUP_REFS } from '../../../connectors/index.ts'
import type { TenantStore } from '../../../core/store/index.ts'
import type { LookupKey, LookupResult } from './rpc-types.ts'

/** Which record a vendor id names: each connector declares its own. */
const REFS = LOOKUP_REFS

/**
 * Finds the customer behind a sidebar's key and returns their materialised view. A vendor id needs
 * its account: the one named, or the tenant's only account of that vendor.
 */
export function lookupCustomer(store: TenantStore, key: LookupKey): LookupResult {
  let customerId: string | null
  if (key.kind === 'email') {
    customerId = store.findCustomerId({ by: 'email', email: key.email })
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
    customerId = store.findCustomerId({ by, ref: { source, account, object, id: key.id } })
  }
  const view = customerId ? store.getView(customerId) : null
  return view ? { status: 'found', view } : { status: 'not_found' }
}
