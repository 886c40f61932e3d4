// What a webhook event is belongs to the connectors (each maps its vendor's events into these).
export { instantOf, type WebhookEvent, type WebhookRecord } from '../../../connectors/index.ts'

/** What a tenant made of one delivery; the worker answers it to the vendor. */
export interface WebhookReceipt {
  received: number
  /** Events already applied under the same key (a vendor retry, a replay). */
  duplicates: number
  /** Merge and erase records written. */
  written: number
  /**
   * `armed`: the connection is due soon; `coalesced`: a refresh already pending covers it;
   * `none`: nothing to refresh; `no_connection`: the account has no connection to refresh.
   */
  refresh: 'armed' | 'coalesced' | 'none' | 'no_connection'
}
