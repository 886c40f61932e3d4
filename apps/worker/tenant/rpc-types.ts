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
  /** A known person whose (large) customer the alarm derives soon: ask again shortly. */
  | { status: 'pending' }
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

/** A quarantined vendor item as ops see it: never its raw data. */
export interface QuarantineItem {
  stream: string
  vendorId: string
  reason: string
  at: string
}

export interface QuarantinePage {
  total: number
  limit: number
  offset: number
  items: QuarantineItem[]
}

/** What deleting a connection left: whether the directory still routes its account here. */
export interface DeletedConnection {
  connection: ConnectionSummary
  /** An app installation of the same account keeps routing it to this tenant. */
  accountStillRouted: boolean
}
