import type { CustomerView, StreamState } from '../../../core/model/index.ts'
import type { ConnectionSummary } from './connection-input.ts'

/** What a sidebar can look a customer up by. `account` picks one Zendesk account among several. */
export type LookupKey =
  | { kind: 'zendesk_user'; id: string; account?: string }
  | { kind: 'zendesk_ticket'; id: string; account?: string }
  | { kind: 'email'; email: string }

export type LookupResult =
  | { status: 'found'; view: CustomerView }
  | { status: 'not_found' }
  /** The tenant has several Zendesk accounts and the request named none (or an unknown one). */
  | { status: 'unknown_account'; accounts: string[] }

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
