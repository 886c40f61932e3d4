import { Directory } from '../directory/directory.ts'
import type { Tenant } from './tenant.ts'
import { TENANT_ID } from './api-key.ts'

/** The tenant's durable object: one per tenant id, addressed by name. */
export function tenantStub(env: Env, tenantId: string): DurableObjectStub<Tenant> {
  return env.TENANT.get(env.TENANT.idFromName(tenantId))
}

// A positive answer is remembered a minute: a purged tenant (tenant/lifecycle.ts) stops being
// known everywhere within it, at once in the isolate that purged it (`forgetTenant`).
const KNOWN_MS = 60_000
const known = new Map<string, number>()

/** A purged tenant: this isolate stops answering from memory that it exists. */
export function forgetTenant(tenantId: string): void {
  known.delete(tenantId)
}

/**
 * Whether the directory lists this tenant. Checked before touching a tenant object, so a forged id
 * never creates an object.
 */
export async function knownTenant(env: Env, tenantId: string): Promise<boolean> {
  if (!TENANT_ID.test(tenantId)) return false
  if ((known.get(tenantId) ?? 0) > Date.now()) return true
  const found = (await new Directory(env.DIRECTORY).getTenant(tenantId)) !== null
  if (found) known.set(tenantId, Date.now() + KNOWN_MS)
  return found
}
