import { Hono } from 'hono'
import { z } from 'zod'
import { TenantSettings } from '../../../core/model/index.ts'
import type { AppEnv } from '../app-env.ts'
import { accountKey, Directory } from '../directory/directory.ts'
import { adminToken } from '../middleware/admin-token.ts'
import { notFound, ProblemError } from '../problem.ts'
import { newTenantId } from '../tenant/api-key.ts'
import { tenantStub } from '../tenant/client.ts'
import { tenantOps } from '../tenant/ops-client.ts'
import { ConnectionInput, resolveAccount } from '../tenant/connection-input.ts'
import { valid } from '../validate.ts'
import { adminAlerts } from './admin-alerts.ts'
import { adminCustomerView } from './admin-customer-view.ts'
import { adminCustomers } from './admin-customers.ts'
import { adminInstallations } from './admin-installations.ts'
import { adminLifecycle } from './admin-lifecycle.ts'
import { adminOps } from './admin-ops.ts'
import { existingTenant } from './existing-tenant.ts'
import { ConnectionId, TenantId } from './params.ts'

export const NewTenant = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((name) => !/[\p{Cc}\p{Zl}\p{Zp}]/u.test(name), 'no control or line-break characters'),
})
export const TenantParams = z.object({ tenantId: TenantId })
export const ConnectionParams = z.object({ tenantId: TenantId, connectionId: ConnectionId })
export const QuarantineQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
})

/** Provisioning and operations; every route needs the admin token. */
export const admin = new Hono<AppEnv>()
  .use('*', adminToken())

  .post('/tenants', valid('json', NewTenant), async (c) => {
    const { name } = c.req.valid('json')
    const tenantId = newTenantId()
    // The object first: a failure then leaves at worst an unlisted object, never a listed tenant
    // without its key.
    const apiKey = await tenantStub(c.env, tenantId).init(tenantId, name)
    await new Directory(c.env.DIRECTORY).addTenant({
      tenantId,
      name,
      createdAt: new Date().toISOString(),
    })
    return c.json({ tenantId, name, apiKey }, 201)
  })

  .post(
    '/tenants/:tenantId/connections',
    valid('param', TenantParams),
    valid('json', ConnectionInput),
    async (c) => {
      const { tenantId } = c.req.valid('param')
      const input = c.req.valid('json')
      await existingTenant(c.env, tenantId)
      const { account } = resolveAccount(input)
      const linked = await new Directory(c.env.DIRECTORY).linkAccount(
        accountKey(input.source, account),
        tenantId,
        new Date().toISOString(),
      )
      if (!linked) {
        throw new ProblemError(
          409,
          `The ${input.source} account ${account} belongs to another tenant`,
        )
      }
      const result = await tenantStub(c.env, tenantId).addConnection(input)
      if (result.status === 'conflict') {
        throw new ProblemError(
          409,
          `This tenant already has connection ${result.connectionId} for ${account}`,
        )
      }
      return c.json(result.connection, 201)
    },
  )

  .post(
    '/tenants/:tenantId/connections/:connectionId/sync',
    valid('param', ConnectionParams),
    async (c) => {
      const { tenantId, connectionId } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      // Through ops: a paused, uninstalled or needs_reconnect connection is refused (409).
      const { connection } = await tenantOps(c.env, tenantId, { op: 'sync_now', connectionId })
      return c.json({ accepted: true, connection }, 202)
    },
  )

  .get(
    '/tenants/:tenantId/connections/:connectionId',
    valid('param', ConnectionParams),
    async (c) => {
      const { tenantId, connectionId } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      const state = await tenantStub(c.env, tenantId).getConnectionState(connectionId)
      if (!state) throw notFound(`No connection ${connectionId}`)
      return c.json(state)
    },
  )

  .get(
    '/tenants/:tenantId/connections/:connectionId/quarantine',
    valid('param', ConnectionParams),
    valid('query', QuarantineQuery),
    async (c) => {
      const { tenantId, connectionId } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      const page = await tenantStub(c.env, tenantId).listQuarantine(
        connectionId,
        c.req.valid('query'),
      )
      if (!page) throw notFound(`No connection ${connectionId}`)
      return c.json(page)
    },
  )

  // The directory stops routing the account here unless an app installation still uses it.
  .delete(
    '/tenants/:tenantId/connections/:connectionId',
    valid('param', ConnectionParams),
    async (c) => {
      const { tenantId, connectionId } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      const deleted = await tenantStub(c.env, tenantId).deleteConnection(connectionId)
      if (!deleted) throw notFound(`No connection ${connectionId}`)
      const { source, account } = deleted.connection
      if (!deleted.accountStillRouted) {
        await new Directory(c.env.DIRECTORY).unlinkAccount(accountKey(source, account), tenantId)
      }
      return c.body(null, 204)
    },
  )

  .get('/tenants/:tenantId/connections', valid('param', TenantParams), async (c) => {
    const { tenantId } = c.req.valid('param')
    await existingTenant(c.env, tenantId)
    return c.json({ connections: await tenantStub(c.env, tenantId).listConnections() })
  })

  .get('/tenants/:tenantId/settings', valid('param', TenantParams), async (c) => {
    const { tenantId } = c.req.valid('param')
    await existingTenant(c.env, tenantId)
    return c.json(await tenantStub(c.env, tenantId).getSettings())
  })

  // Friction thresholds per tenant; absent fields take their defaults. Every view is re-derived
  // with them by the tenant's alarm, in bounded passes, right after.
  .put(
    '/tenants/:tenantId/settings',
    valid('param', TenantParams),
    valid('json', TenantSettings),
    async (c) => {
      const { tenantId } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      return c.json(await tenantStub(c.env, tenantId).putSettings(c.req.valid('json')))
    },
  )

  .route('/', adminInstallations)
  .route('/', adminCustomers)
  .route('/', adminCustomerView)
  .route('/', adminOps)
  .route('/', adminLifecycle)
  .route('/', adminAlerts)
