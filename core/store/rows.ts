import type { SqlValue } from './port.ts'

/** Reads a JSON column written by the store itself. */
export function parseJson<T>(value: SqlValue | undefined): T {
  return JSON.parse(String(value)) as T
}

export const toMs = (instant: string): number => Date.parse(instant)
export const toInstant = (ms: number): string => new Date(ms).toISOString()
export const optionalInstant = (ms: SqlValue | undefined): string | null =>
  ms === null || ms === undefined ? null : toInstant(Number(ms))

/** SQLite binds one JSON text for a whole list: `x IN (SELECT value FROM json_each(?))`. */
export const jsonList = (values: Iterable<string>): string => JSON.stringify([...values])

/** Blobs come back as Uint8Array from node:sqlite and as ArrayBuffer from Durable Objects. */
export function toBytes(value: SqlValue | undefined): Uint8Array | null {
  if (value === null || value === undefined) return null
  if (value instanceof Uint8Array) return value
  if (value instanceof ArrayBuffer) return new Uint8Array(value)
  throw new TypeError('expected a blob column')
}
