import {
  EARLIEST_INSTANT_MS,
  MAX_CLOCK_SKEW_MS,
  type UnifiedRecord,
} from '../../core/model/index.ts'

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

/**
 * How soon after a vendor event a refresh can see it, and how long one refresh covers a flood:
 * each connector states its own.
 */
export interface RefreshTiming {
  visibleAfterMs: number
  windowMs: number
}

/** An instant from epoch milliseconds or an ISO text; `fallback` when absent or unreadable. */
export function instantOf(value: number | string | undefined | null, fallback: number): string {
  const ms = typeof value === 'number' ? value : value ? Date.parse(value) : NaN
  // Out of the model's bounds (1e20 is no Date at all) reads as absent, not as a thrown RangeError.
  const known =
    Number.isFinite(ms) && ms >= EARLIEST_INSTANT_MS && ms <= fallback + MAX_CLOCK_SKEW_MS
  return new Date(known ? ms : fallback).toISOString()
}
