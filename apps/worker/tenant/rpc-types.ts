import type { StreamState } from '../../../core/model/index.ts'
import type { ConnectionSummary } from './connection-input.ts'
import type { LifecycleState } from './lifecycle-state.ts'
export type { InstallRequest, InstallResults } from './installs.ts'

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
  /** The stored view's JSON text (a `CustomerView` of core/model), served as is. */
  | { status: 'found'; viewJson: string }
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
  /** Active, needs a reconnect (and why), or uninstalled (and when its data goes). */
  lifecycle: LifecycleState
  /** An install's OAuth grant: whether it works, its scopes, streams its scopes leave out. */
  authorization?: GrantState
}

/** What an OAuth connection's grant allows, and whether an admin must act (`needs_reconnect`). */
export interface GrantState {
  status: 'active' | 'needs_reconnect'
  scopes: string[]
  /** When the current access token expires (ISO), if the vendor said. */
  expiresAt: string | null
  /** Why the grant stopped working; null while active. */
  error: string | null
  /** What the admin should do, in words; null while active. */
  action: string | null
  /** Streams left out because a scope was not granted (HubSpot's feedback submissions). */
  skippedStreams: { stream: string; missingScopes: string[]; reason: string }[]
  installedAt: string
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

export type { LifecycleRequest, LifecycleResults } from './lifecycle.ts'
