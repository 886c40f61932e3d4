import { refKey, type UnifiedRecord } from '../model/index.ts'
import type { SqlPort } from './port.ts'
import { jsonList } from './rows.ts'
import { tombstoneKeys, tombstoneRange } from './tombstone.ts'

/** The columns of a stored record that a page's writes compare and follow. */
export type StoredKeys = {
  updated_ms: number
  requester_key: string | null
  respondent_key: string | null
  ticket_key: string | null
}

/**
 * What a page's writes look up, read once per page instead of once per record (a Durable Object
 * pays for every statement it crosses into SQLite for): the stored rows of the page's records and
 * of the tickets its answers name, the merges of its people, and per ref prefix whether any
 * tombstone lies there at all (most tenants erased nobody: then no hash and no query per record).
 * The page's own writes keep it current; an erase, which deletes many rows, drops the cached rows.
 */
export class PageLookups {
  private readonly rows = new Map<string, StoredKeys | null>()
  private readonly merges = new Map<string, string | null>()
  private readonly erasedPrefixes = new Map<string, boolean>()
  private readonly erasures = new Map<string, number | null>()
  private readonly sql: SqlPort

  constructor(sql: SqlPort, records: readonly UnifiedRecord[] = []) {
    this.sql = sql
    const keys = new Set<string>()
    const people: string[] = []
    for (const r of records) {
      if (!('record' in r)) continue
      const key = refKey(r.record.ref)
      keys.add(key)
      if (r.kind === 'person') people.push(key)
      if (r.kind === 'survey_response' && r.record.ticket) keys.add(refKey(r.record.ticket))
    }
    if (keys.size > 0) {
      for (const key of keys) this.rows.set(key, null)
      const found = sql.all<StoredKeys & { ref_key: string }>(
        `SELECT ref_key, updated_ms, requester_key, respondent_key, ticket_key FROM records
         WHERE ref_key IN (SELECT value FROM json_each(?))`,
        jsonList(keys),
      )
      for (const { ref_key, ...row } of found) this.rows.set(ref_key, row)
    }
    if (people.length > 0) {
      for (const key of people) this.merges.set(key, null)
      const found = sql.all<{ from_key: string; into_ref: string }>(
        'SELECT from_key, into_ref FROM merges WHERE from_key IN (SELECT value FROM json_each(?))',
        jsonList(people),
      )
      for (const row of found) this.merges.set(row.from_key, row.into_ref)
    }
  }

  /** The stored record's keys, or null when there is none. */
  stored(key: string): StoredKeys | null {
    const cached = this.rows.get(key)
    if (cached !== undefined) return cached
    const row =
      this.sql.all<StoredKeys>(
        'SELECT updated_ms, requester_key, respondent_key, ticket_key FROM records WHERE ref_key = ?',
        key,
      )[0] ?? null
    this.rows.set(key, row)
    return row
  }

  /** The page wrote (or deleted: null) this record. */
  setStored(key: string, row: StoredKeys | null): void {
    this.rows.set(key, row)
  }

  /** The page deleted records it cannot name one by one (an erase): read them again. */
  forgetStored(): void {
    this.rows.clear()
  }

  /** The survivor (`into_ref` JSON) a person was merged into, or null. */
  mergeOf(fromKey: string): string | null {
    const cached = this.merges.get(fromKey)
    if (cached !== undefined) return cached
    const row = this.sql.all<{ into_ref: string }>(
      'SELECT into_ref FROM merges WHERE from_key = ?',
      fromKey,
    )[0]
    this.merges.set(fromKey, row?.into_ref ?? null)
    return row?.into_ref ?? null
  }

  setMerge(fromKey: string, intoRef: string | null): void {
    this.merges.set(fromKey, intoRef)
  }

  /** The latest erasure of a ref key, by its hashed tombstone (or a tombstone from before hashing). */
  erasedUntil(key: string): number | undefined {
    const range = tombstoneRange(key)
    if (range && !this.anyErasureIn(range)) return undefined
    let until = this.erasures.get(key)
    if (until === undefined) {
      const [row] = this.sql.all<{ until_ms: number | null }>(
        'SELECT max(until_ms) AS until_ms FROM erasures WHERE ref_key IN (SELECT value FROM json_each(?))',
        jsonList(tombstoneKeys(key)),
      )
      until = row?.until_ms === null || row?.until_ms === undefined ? null : Number(row.until_ms)
      this.erasures.set(key, until)
    }
    return until ?? undefined
  }

  /** The page wrote a tombstone for this key. */
  tombstoned(key: string): void {
    this.erasures.delete(key)
    const range = tombstoneRange(key)
    if (range) this.erasedPrefixes.set(range[0], true)
  }

  private anyErasureIn([from, to]: [string, string]): boolean {
    let any = this.erasedPrefixes.get(from)
    if (any === undefined) {
      any =
        this.sql.all('SELECT 1 FROM erasures WHERE ref_key >= ? AND ref_key < ? LIMIT 1', from, to)
          .length > 0
      this.erasedPrefixes.set(from, any)
    }
    return any
  }
}
