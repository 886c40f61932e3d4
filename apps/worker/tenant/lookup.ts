import type { TenantStore } from '../../../core/store/index.ts'
import type { LookupKey, LookupResult } from './rpc-types.ts'

/**
 * Finds the customer behind a sidebar's key and returns their materialised view. A Zendesk id needs
 * its account: the one named, or the tenant's only Zendesk account.
 */
export function lookupCustomer(store: TenantStore, key: LookupKey): LookupResult {
  let customerId: string | null
  if (key.kind === 'email') {
    customerId = store.findCustomerId({ by: 'email', email: key.email })
  } else {
    const accounts = store
      .listConnections()
      .filter((c) => c.source === 'zendesk')
      .map((c) => c.account)
    const account = key.account ?? (accounts.length === 1 ? accounts[0] : undefined)
    if (!account || !accounts.includes(account)) {
      if (accounts.length === 0) return { status: 'not_found' }
      return { status: 'unknown_account', accounts }
    }
    const object = key.kind === 'zendesk_user' ? 'user' : 'ticket'
    const ref = { source: 'zendesk' as const, account, object, id: key.id }
    customerId = store.findCustomerId(
      key.kind === 'zendesk_user' ? { by: 'person', ref } : { by: 'ticket', ref },
    )
  }
  const view = customerId ? store.getView(customerId) : null
  return view ? { status: 'found', view } : { status: 'not_found' }
}
