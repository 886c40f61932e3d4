import { notFound } from '../problem.ts'
import { knownTenant } from '../tenant/client.ts'

/** 404 unless the directory lists the tenant: an unknown id never creates a tenant object. */
export async function existingTenant(env: Env, tenantId: string): Promise<void> {
  if (!(await knownTenant(env, tenantId))) throw notFound(`No tenant ${tenantId}`)
}
