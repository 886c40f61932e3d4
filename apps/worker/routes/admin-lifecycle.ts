import { Hono } from 'hono'
import { z } from 'zod'
import { LOOKUP_REFS, type VendorIdKind } from '../../../connectors/index.ts'
import type { SubjectQuery } from '../../../core/store/index.ts'
import type { AppEnv } from '../app-env.ts'
import { Directory } from '../directory/directory.ts'
import { badRequest, notFound } from '../problem.ts'
import { forgetTenant, knownTenant, tenantStub } from '../tenant/client.ts'
import {
  MAX_RETENTION_DAYS,
  type LifecycleRequest,
  type LifecycleResults,
} from '../tenant/lifecycle.ts'
import { valid } from '../validate.ts'
import { existingTenant } from './existing-tenant.ts'
import { ConnectionId, TenantId } from './params.ts'

export const TenantParams = z.object({ tenantId: TenantId })
export const ConnectionParams = z.object({ tenantId: TenantId, connectionId: ConnectionId })
export const UninstallQuery = z.strictObject({
  /** `now`: the connection's data goes at once; default: after the tenant's retention. */
  purge: z.enum(['retention', 'now']).default('retention'),
})
export const PurgeQuery = z.strictObject({ purge: z.literal('now', 'purge=now is required') })
export const Retention = z.strictObject({
  retentionDays: z.number().int().min(0).max(MAX_RETENTION_DAYS),
})

/** Vendor id kinds that name a person (a ticket id names no data subject). */
const PERSON_KINDS = (Object.keys(LOOKUP_REFS) as VendorIdKind[]).filter(
  (kind) => LOOKUP_REFS[kind].by === 'person',
)
export const Erase = z.strictObject({
  kind: z.enum(['email', 'phone', ...PERSON_KINDS] as [string, ...string[]]),
  value: z.string().trim().min(1).max(320),
  /** The vendor account of a vendor id (subdomain, portal id); absent: any account holding it. */
  account: z.string().trim().min(1).max(200).optional(),
})

function subjectQuery(body: z.infer<typeof Erase>): SubjectQuery {
  if (body.kind === 'email') return { by: 'email', email: body.value }
  if (body.kind === 'phone') return { by: 'phone', phone: body.value }
  const ref = LOOKUP_REFS[body.kind as VendorIdKind]
  return {
    by: 'ref',
    source: ref.source,
    object: ref.object,
    id: body.value,
    ...(body.account ? { account: body.account } : {}),
  }
}

/** The tenant object's `lifecycle` RPC, typed per operation (the stub's generic typing loses it). */
function lifecycle<R extends LifecycleRequest>(
  env: Env,
  tenantId: string,
  request: R,
): Promise<LifecycleResults[R['op']]> {
  const stub = tenantStub(env, tenantId) as unknown as {
    lifecycle(request: LifecycleRequest): Promise<unknown>
  }
  return stub.lifecycle(request) as Promise<LifecycleResults[R['op']]>
}

/**
 * The data lifecycle (admin token, mounted by admin.ts): uninstall a connection, purge a tenant,
 * the retention setting, a connection's lifecycle state, erasure of one person (GDPR).
 */
export const adminLifecycle = new Hono<AppEnv>()
  .post(
    '/tenants/:tenantId/connections/:connectionId/uninstall',
    valid('param', ConnectionParams),
    valid('query', UninstallQuery),
    async (c) => {
      const { tenantId, connectionId } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      const { purge } = c.req.valid('query')
      const result = await lifecycle(c.env, tenantId, {
        op: 'uninstall',
        connectionId,
        purge,
      })
      if (!result) throw notFound(`No connection ${connectionId}`)
      // The account stops routing here unless another connection or installation still uses it.
      if (result.unroute)
        await new Directory(c.env.DIRECTORY).unlinkAccount(result.unroute, tenantId)
      const { unroute: _u, ...answer } = result
      return c.json(answer)
    },
  )

  .get(
    '/tenants/:tenantId/connections/:connectionId/lifecycle',
    valid('param', ConnectionParams),
    async (c) => {
      const { tenantId, connectionId } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      const state = await lifecycle(c.env, tenantId, { op: 'state', connectionId })
      if (!state) throw notFound(`No connection ${connectionId}`)
      return c.json(state)
    },
  )

  // The whole tenant at once; idempotent: a tenant already purged answers `purged: false`.
  .delete('/tenants/:tenantId', valid('param', TenantParams), valid('query', PurgeQuery), (c) =>
    purgeTenant(c.env, c.req.valid('param').tenantId).then((body) => c.json(body)),
  )
  .post('/tenants/:tenantId/purge', valid('param', TenantParams), (c) =>
    purgeTenant(c.env, c.req.valid('param').tenantId).then((body) => c.json(body)),
  )

  .get('/tenants/:tenantId/retention', valid('param', TenantParams), async (c) => {
    const { tenantId } = c.req.valid('param')
    await existingTenant(c.env, tenantId)
    return c.json(await lifecycle(c.env, tenantId, { op: 'retention' }))
  })

  .put(
    '/tenants/:tenantId/retention',
    valid('param', TenantParams),
    valid('json', Retention),
    async (c) => {
      const { tenantId } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      const { retentionDays } = c.req.valid('json')
      return c.json(await lifecycle(c.env, tenantId, { op: 'set_retention', retentionDays }))
    },
  )

  .post(
    '/tenants/:tenantId/erase',
    valid('param', TenantParams),
    valid('json', Erase),
    async (c) => {
      const { tenantId } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      const body = c.req.valid('json')
      if (body.account && (body.kind === 'email' || body.kind === 'phone')) {
        throw badRequest(
          'account names the vendor account of a vendor id; emails and phones have none',
        )
      }
      const erased = await lifecycle(c.env, tenantId, {
        op: 'erase',
        subject: subjectQuery(body),
      })
      return c.json({ erased })
    },
  )

async function purgeTenant(env: Env, tenantId: string) {
  const directory = new Directory(env.DIRECTORY)
  if (!(await knownTenant(env, tenantId))) {
    return { tenantId, purged: false, connections: 0, revoked: 0 }
  }
  const result = await lifecycle(env, tenantId, { op: 'purge_tenant' })
  // The object unlists itself too; again here, idempotent, in case it could not.
  await directory.deleteTenant(tenantId)
  forgetTenant(tenantId)
  return { tenantId, purged: true, connections: result.connections, revoked: result.revoked }
}
