import type { CustomerView, StreamState } from '../../../core/model/index.ts'
import type { ConnectionSummary } from './connection-input.ts'

/**
 * What a sidebar can look a customer up by. `account` picks one vendor account (Zendesk subdomain,
 * HubSpot portal id) among several; without it, the tenant's only account of that vendor.
 */
export type LookupKey =
  | {
      kind: VendorIdKind
      id: string
      account?: string
      /** The caller's own account (a ZAF JWT's subdomain): used when it is connected. */
      hint?: string
    }
  | { kind: 'email'; email: string }

export type VendorIdKind = 'zendesk_user' | 'zendesk_ticket' | 'hubspot_contact' | 'hubspot_ticket'

export type LookupResult =
  | { status: 'found'; view: CustomerView }
  | { status: 'not_found' }
  /** The tenant has several accounts of the vendor and the request named none (or an unknown one). */
  | { status: 'unknown_account'; source: 'zendesk' | 'hubspot'; accounts: string[] }

/** The last bounded slice the alarm ran for a connection. */
export interface SliceOutcome {
  at: string
  done: boolean
  requests: number
  error: string | null
}

export interface ConnectionState {
  connection: ConnectionSummary
  lastSlice: SliceOutcome | null
  streams: StreamState[]
}
