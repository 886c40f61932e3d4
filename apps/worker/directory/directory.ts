import type { Vendor } from '../../../connectors/index.ts'
import { ensureDirectorySchema } from './schema.ts'

/** External account keys, `zendesk:<subdomain>` and `hubspot:<portalId>`: connections and apps. */
export const accountKey = (vendor: Vendor, id: string): string => `${vendor}:${id}`

export interface TenantEntry {
  tenantId: string
  name: string
  createdAt: string
}

/**
 * The global directory (D1): tenants and the external accounts that route to them (webhooks, app
 * installs, sidebar requests). Takes its binding in the constructor.
 */
export class Directory {
  private readonly db: D1Database

  constructor(db: D1Database) {
    this.db = db
  }

  private async ready(): Promise<D1Database> {
    await ensureDirectorySchema(this.db)
    return this.db
  }

  async addTenant(entry: TenantEntry): Promise<void> {
    const db = await this.ready()
    await db
      .prepare('INSERT INTO tenants (tenant_id, name, created_at) VALUES (?, ?, ?)')
      .bind(entry.tenantId, entry.name, entry.createdAt)
      .run()
  }

  async getTenant(tenantId: string): Promise<TenantEntry | null> {
    const db = await this.ready()
    const row = await db
      .prepare('SELECT tenant_id, name, created_at FROM tenants WHERE tenant_id = ?')
      .bind(tenantId)
      .first<{ tenant_id: string; name: string; created_at: string }>()
    return row ? { tenantId: row.tenant_id, name: row.name, createdAt: row.created_at } : null
  }

  async listTenantIds(afterTenantId = '', limit = 500): Promise<string[]> {
    const db = await this.ready()
    const { results } = await db
      .prepare('SELECT tenant_id FROM tenants WHERE tenant_id > ? ORDER BY tenant_id LIMIT ?')
      .bind(afterTenantId, limit)
      .all<{ tenant_id: string }>()
    return results.map((r) => r.tenant_id)
  }

  /**
   * Routes an external account to a tenant. Returns false when the account already belongs to
   * another tenant (an account routes to exactly one tenant).
   */
  async linkAccount(key: string, tenantId: string, now: string): Promise<boolean> {
    const db = await this.ready()
    await db
      .prepare(
        'INSERT INTO accounts (account_key, tenant_id, created_at) VALUES (?, ?, ?) ON CONFLICT (account_key) DO NOTHING',
      )
      .bind(key, tenantId, now)
      .run()
    return (await this.tenantForAccount(key)) === tenantId
  }

  /** Stops routing an account to this tenant (another tenant may then link it). */
  async unlinkAccount(key: string, tenantId: string): Promise<void> {
    const db = await this.ready()
    await db
      .prepare('DELETE FROM accounts WHERE account_key = ? AND tenant_id = ?')
      .bind(key, tenantId)
      .run()
  }

  /** A purged tenant: its accounts stop routing and its entry goes. Idempotent. */
  async deleteTenant(tenantId: string): Promise<void> {
    const db = await this.ready()
    await db.batch([
      db.prepare('DELETE FROM accounts WHERE tenant_id = ?').bind(tenantId),
      db.prepare('DELETE FROM tenants WHERE tenant_id = ?').bind(tenantId),
    ])
  }

  /** The account keys routed to a tenant. */
  async accountsOf(tenantId: string): Promise<string[]> {
    const db = await this.ready()
    const { results } = await db
      .prepare('SELECT account_key FROM accounts WHERE tenant_id = ? ORDER BY account_key')
      .bind(tenantId)
      .all<{ account_key: string }>()
    return results.map((r) => r.account_key)
  }

  async tenantForAccount(key: string): Promise<string | null> {
    const db = await this.ready()
    const row = await db
      .prepare('SELECT tenant_id FROM accounts WHERE account_key = ?')
      .bind(key)
      .first<{ tenant_id: string }>()
    return row?.tenant_id ?? null
  }
}
