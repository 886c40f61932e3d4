import {
  EARLIEST_INSTANT_MS,
  MAX_CLOCK_SKEW_MS,
  type UnifiedRecord,
} from '../../../core/model/index.ts'

/** A merge or a privacy deletion: the only records a webhook writes itself. */
export type WebhookRecord = Extract<UnifiedRecord, { kind: 'merge' | 'erase' }>

/**
 * One vendor event as the tenant applies it: records to write now (merges, erasures) and whether
 * the account's connection should fetch again soon (anything else the event names changed).
 */
export interface WebhookEvent {
  /** Idempotence key (`<source>:<account>:<vendor event id>`); null when the vendor sends none. */
  key: string | null
  records: WebhookRecord[]
  refresh: boolean
}

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

/** An instant from epoch milliseconds or an ISO text; `fallback` when absent or unreadable. */
export function instantOf(value: number | string | undefined | null, fallback: number): string {
  const ms = typeof value === 'number' ? value : value ? Date.parse(value) : NaN
  // Out of the model's bounds (1e20 is no Date at all) reads as absent, not as a thrown RangeError.
  const known =
    Number.isFinite(ms) && ms >= EARLIEST_INSTANT_MS && ms <= fallback + MAX_CLOCK_SKEW_MS
  return new Date(known ? ms : fallback).toISOString()
}
