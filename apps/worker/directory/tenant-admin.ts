import { ensureDirectorySchema } from './schema.ts'
import type { TenantEntry } from './directory.ts'

/** A page of the directory's tenants in id order; `next` continues after the last one. */
export async function listTenants(
  db: D1Database,
  page: { after: string; limit: number },
): Promise<{ tenants: TenantEntry[]; next: string | null }> {
  await ensureDirectorySchema(db)
  const { results } = await db
    .prepare(
      'SELECT tenant_id, name, created_at FROM tenants WHERE tenant_id > ? ORDER BY tenant_id LIMIT ?',
    )
    .bind(page.after, page.limit + 1)
    .all<{ tenant_id: string; name: string; created_at: string }>()
  const tenants = results
    .slice(0, page.limit)
    .map((r) => ({ tenantId: r.tenant_id, name: r.name, createdAt: r.created_at }))
  return { tenants, next: results.length > page.limit ? tenants.at(-1)!.tenantId : null }
}

export async function renameTenantEntry(db: D1Database, tenantId: string, name: string) {
  await ensureDirectorySchema(db)
  await db.prepare('UPDATE tenants SET name = ? WHERE tenant_id = ?').bind(name, tenantId).run()
}
