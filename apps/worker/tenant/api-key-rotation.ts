import type { SqlPort } from '../../../core/store/port.ts'
import { constantTimeEqual } from '../crypto.ts'
import { newApiKey } from './api-key.ts'

/**
 * Replaces the tenant's API key. The former key keeps working for `graceSeconds`, so the systems
 * that use it can move to the new one; only hashes are kept.
 */
export async function rotateApiKey(
  sql: SqlPort,
  tenantId: string,
  graceSeconds: number,
  nowMs: number,
): Promise<{ apiKey: string; previousKeyExpiresAt: string }> {
  const { apiKey, secretHash } = await newApiKey(tenantId)
  const expiresMs = nowMs + graceSeconds * 1000
  sql.transaction(() => {
    sql.run('DELETE FROM worker_api_key_grace WHERE expires_ms <= ?', nowMs)
    sql.run(
      `INSERT INTO worker_api_key_grace (api_key_hash, expires_ms)
       SELECT api_key_hash, ? FROM worker_tenant WHERE true ON CONFLICT DO NOTHING`,
      expiresMs,
    )
    sql.run('UPDATE worker_tenant SET api_key_hash = ?', secretHash)
  })
  return { apiKey, previousKeyExpiresAt: new Date(expiresMs).toISOString() }
}

/** Whether a rotated-out key still in its grace period has this hash (compared in constant time). */
export async function graceKeyAccepted(
  sql: SqlPort,
  secretHash: string,
  nowMs: number,
): Promise<boolean> {
  const rows = sql.all<{ api_key_hash: string }>(
    'SELECT api_key_hash FROM worker_api_key_grace WHERE expires_ms > ?',
    nowMs,
  )
  let ok = false
  for (const row of rows) ok = (await constantTimeEqual(secretHash, row.api_key_hash)) || ok
  return ok
}

export function renameTenant(sql: SqlPort, name: string): void {
  sql.run('UPDATE worker_tenant SET name = ?', name)
}
