import { graceKeyAccepted } from './api-key-rotation.ts'
import type { SqlPort } from '../../../core/store/index.ts'
import { constantTimeEqual } from '../crypto.ts'
import { newApiKey } from './api-key.ts'

/**
 * Who the tenant is (`worker_tenant`): its id, name and the SHA-256 of its API key's secret. The
 * object is named once; everything that seals a secret needs the id.
 */
export class TenantKeys {
  private readonly sql: SqlPort

  constructor(sql: SqlPort) {
    this.sql = sql
  }

  tenantId(): string | null {
    const [row] = this.sql.all<{ tenant_id: string }>('SELECT tenant_id FROM worker_tenant')
    return row?.tenant_id ?? null
  }

  /** The tenant id, or an error naming the call made on an object never initialised. */
  requireTenantId(call: string): string {
    const id = this.tenantId()
    if (!id) throw new Error(`${call}: tenant object is not initialised`)
    return id
  }

  /** Names the tenant and returns its API key, once: a second call returns null. */
  async init(tenantId: string, name: string, nowMs: number): Promise<string | null> {
    if (this.tenantId()) return null
    const { apiKey, secretHash } = await newApiKey(tenantId)
    this.sql.run(
      'INSERT INTO worker_tenant (singleton, tenant_id, name, api_key_hash, created_ms) VALUES (1, ?, ?, ?, ?)',
      tenantId,
      name,
      secretHash,
      nowMs,
    )
    return apiKey
  }

  async verifyApiKey(secretHash: string): Promise<boolean> {
    const [row] = this.sql.all<{ api_key_hash: string }>('SELECT api_key_hash FROM worker_tenant')
    // Compare against something even without a tenant, so both answers take the same time.
    const ok = await constantTimeEqual(secretHash, row?.api_key_hash ?? '')
    // A rotated-out key works until its grace period ends.
    return row !== undefined && (ok || (await graceKeyAccepted(this.sql, secretHash, Date.now())))
  }
}
