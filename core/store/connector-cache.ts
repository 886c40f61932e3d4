import type { SqlPort } from './port.ts'

/** A value a connector stored, and when (the engine's clock), so it can decide when to refresh. */
export interface CachedValue {
  value: string
  storedMs: number
}

export function readCached(sql: SqlPort, connectionId: string, key: string): CachedValue | null {
  const [row] = sql.all<{ value: string; stored_ms: number }>(
    'SELECT value, stored_ms FROM connector_cache WHERE connection_id = ? AND key = ?',
    connectionId,
    key,
  )
  return row ? { value: String(row.value), storedMs: Number(row.stored_ms) } : null
}

export function writeCached(
  sql: SqlPort,
  connectionId: string,
  key: string,
  value: string,
  nowMs: number,
): void {
  sql.run(
    `INSERT INTO connector_cache (connection_id, key, value, stored_ms) VALUES (?, ?, ?, ?)
     ON CONFLICT (connection_id, key) DO UPDATE SET value = excluded.value, stored_ms = excluded.stored_ms`,
    connectionId,
    key,
    value,
    nowMs,
  )
}
