import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { listTenants, renameTenantEntry } from '../directory/tenant-admin.ts'
import { StartTime } from '../tenant/connection-input.ts'
import { ConnectionPatch } from '../tenant/connection-ops.ts'
import { tenantOps } from '../tenant/ops-client.ts'
import { RUN_HISTORY_LIMIT } from '../tenant/runs.ts'
import { valid } from '../validate.ts'
import { existingTenant } from './existing-tenant.ts'
import { ConnectionId, TenantId } from './params.ts'

const TenantParams = z.object({ tenantId: TenantId })
const ConnectionParams = z.object({ tenantId: TenantId, connectionId: ConnectionId })
export const TenantPage = z.strictObject({
  after: z.union([TenantId, z.literal('')]).default(''),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export const Rename = z.strictObject({ name: z.string().trim().min(1).max(200) })
export const Rotate = z.strictObject({
  /** How long the former key keeps working; at most 30 days. */
  graceSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(86_400),
})
export const Backfill = z.strictObject({ since: StartTime })
export const RunsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(RUN_HISTORY_LIMIT).default(20),
})

/**
 * Operations (admin token, mounted by admin.ts): tenants listed, renamed, keys rotated; connections
 * rescheduled, paused, resumed, run, backfilled; run history and the live run.
 */
export const adminOps = new Hono<AppEnv>()
  .get('/tenants', valid('query', TenantPage), async (c) =>
    c.json(await listTenants(c.env.DIRECTORY, c.req.valid('query'))),
  )

  .patch('/tenants/:tenantId', valid('param', TenantParams), valid('json', Rename), async (c) => {
    const { tenantId } = c.req.valid('param')
    const { name } = c.req.valid('json')
    await existingTenant(c.env, tenantId)
    await tenantOps(c.env, tenantId, { op: 'rename', name })
    await renameTenantEntry(c.env.DIRECTORY, tenantId, name)
    return c.json({ tenantId, name })
  })

  .post(
    '/tenants/:tenantId/api-key/rotate',
    valid('param', TenantParams),
    valid('json', Rotate),
    async (c) => {
      const { tenantId } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      const { graceSeconds } = c.req.valid('json')
      return c.json(await tenantOps(c.env, tenantId, { op: 'rotate_api_key', graceSeconds }))
    },
  )

  .get('/tenants/:tenantId/status', valid('param', TenantParams), async (c) => {
    const { tenantId } = c.req.valid('param')
    await existingTenant(c.env, tenantId)
    return c.json(await tenantOps(c.env, tenantId, { op: 'status' }))
  })

  .get(
    '/tenants/:tenantId/connections/:connectionId/status',
    valid('param', ConnectionParams),
    async (c) => {
      const { tenantId, connectionId } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      return c.json(await tenantOps(c.env, tenantId, { op: 'connection', connectionId }))
    },
  )

  .patch(
    '/tenants/:tenantId/connections/:connectionId',
    valid('param', ConnectionParams),
    valid('json', ConnectionPatch),
    async (c) => {
      const { tenantId, connectionId } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      const patch = c.req.valid('json')
      return c.json(await tenantOps(c.env, tenantId, { op: 'update', connectionId, patch }))
    },
  )

  .post(
    '/tenants/:tenantId/connections/:connectionId/:action{pause|resume}',
    valid('param', ConnectionParams.extend({ action: z.enum(['pause', 'resume']) })),
    async (c) => {
      const { tenantId, connectionId, action } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      return c.json(await tenantOps(c.env, tenantId, { op: action, connectionId }))
    },
  )

  // One run per connection: a request while one runs joins it (`joined: true`, same runId).
  .post(
    '/tenants/:tenantId/connections/:connectionId/runs',
    valid('param', ConnectionParams),
    async (c) => {
      const { tenantId, connectionId } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      return c.json(await tenantOps(c.env, tenantId, { op: 'run', connectionId }), 202)
    },
  )

  .post(
    '/tenants/:tenantId/connections/:connectionId/backfill',
    valid('param', ConnectionParams),
    valid('json', Backfill),
    async (c) => {
      const { tenantId, connectionId } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      const { since } = c.req.valid('json')
      return c.json(await tenantOps(c.env, tenantId, { op: 'backfill', connectionId, since }), 202)
    },
  )

  .get(
    '/tenants/:tenantId/connections/:connectionId/runs',
    valid('param', ConnectionParams),
    valid('query', RunsQuery),
    async (c) => {
      const { tenantId, connectionId } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      const { limit } = c.req.valid('query')
      return c.json(await tenantOps(c.env, tenantId, { op: 'runs', connectionId, limit }))
    },
  )

  .get(
    '/tenants/:tenantId/connections/:connectionId/runs/current',
    valid('param', ConnectionParams),
    async (c) => {
      const { tenantId, connectionId } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      return c.json(await tenantOps(c.env, tenantId, { op: 'current_run', connectionId }))
    },
  )
