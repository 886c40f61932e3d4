// The record-body check shared by the Zendesk and HubSpot parts: what the store's records should
// say, computed apart from the sync (the vendor's ground truth run through the connector's own
// mappers in the sandbox process), as `ref key → hash`, and compared with the stored bodies.
import { UnifiedRecord, refKey } from '../core/model/index.ts'
import type { TenantStore } from '../core/store/index.ts'
import { bodyHash } from './canonical.ts'

/** `[ref key, hash]` of each record a mapper emitted, checked against the unified model. */
export function hashedRecords(mapped: readonly unknown[]): [string, string][] {
  const out: [string, string][] = []
  for (const item of mapped) {
    const parsed = UnifiedRecord.parse(item)
    if (!('record' in parsed)) continue
    out.push([refKey(parsed.record.ref), bodyHash(parsed.record)])
  }
  return out
}

/** An item as the vendor's JSON API serves it: through JSON and back. */
export const asServed = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

export interface BodyComparison {
  expected: number
  /** Expected records found in the store (and compared). */
  compared: number
  /** Expected records the store lacks. */
  missing: string[]
  /** Stored records whose body differs from the expected one. */
  differ: string[]
}

/** The store's body of each expected record vs its expected hash. */
export function compareBodies(store: TenantStore, expected: [string, string][]): BodyComparison {
  let compared = 0
  const missing: string[] = []
  const differ: string[] = []
  for (const [key, hash] of expected) {
    const [row] = store.sql.all<{ body: string }>('SELECT body FROM records WHERE ref_key = ?', key)
    if (!row) {
      missing.push(key)
      continue
    }
    compared++
    if (bodyHash(JSON.parse(row.body)) !== hash) differ.push(key)
  }
  return { expected: expected.length, compared, missing, differ }
}
