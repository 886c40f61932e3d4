import { Hono } from 'hono'
import { z } from 'zod'
import { AlertRules } from '../../../core/alerts/index.ts'
import type { AppEnv } from '../app-env.ts'
import { ProblemError } from '../problem.ts'
import type { AlertsRequest, AlertsResult } from '../tenant/alerts.ts'
import { tenantStub } from '../tenant/client.ts'
import { valid } from '../validate.ts'
import { existingTenant } from './existing-tenant.ts'
import { TenantId } from './params.ts'

export const TenantParams = z.object({ tenantId: TenantId })
/** Rules as an admin writes them: any field left out takes its default. */
const RulesInput = AlertRules.extend({
  npsDetractor: AlertRules.shape.npsDetractor.unwrap().omit({ enabledSince: true }).prefault({}),
  csatLowest: AlertRules.shape.csatLowest.unwrap().omit({ enabledSince: true }).prefault({}),
  criticalFriction: AlertRules.shape.criticalFriction
    .unwrap()
    .omit({ enabledSince: true })
    .prefault({}),
  npsDrop: AlertRules.shape.npsDrop.unwrap().omit({ enabledSince: true }).prefault({}),
})
export const Config = z.strictObject({
  rules: RulesInput.optional(),
  /** Where alerts are POSTed; null removes it. */
  webhook: z
    .strictObject({
      url: z.string().max(2000),
      enabled: z.boolean().optional(),
      rotateSecret: z.boolean().optional(),
    })
    .nullable()
    .optional(),
  /** An internal note and tag on the customer's open Zendesk ticket. */
  zendeskNote: z.strictObject({ enabled: z.boolean() }).optional(),
  /** A task on the customer's HubSpot contact. */
  hubspotTask: z.strictObject({ enabled: z.boolean() }).optional(),
})
export const LogQuery = z.strictObject({
  cursor: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

interface AlertsRpc {
  alerts(request: AlertsRequest): Promise<AlertsResult>
}

async function tenantAlerts(env: Env, tenantId: string, request: AlertsRequest) {
  await existingTenant(env, tenantId)
  const result = await (tenantStub(env, tenantId) as unknown as AlertsRpc).alerts(request)
  if ('refused' in result) {
    throw new ProblemError(400, `Invalid ${result.field}: ${result.message}`, {
      slug: 'validation',
      errors: [{ field: result.field, message: result.message }],
    })
  }
  return result
}

/**
 * Alerts (admin token, mounted by admin.ts): rules and destinations, the alert log with each
 * destination's attempts, and a test alert through the real delivery path.
 */
export const adminAlerts = new Hono<AppEnv>()
  .get('/tenants/:tenantId/alerts/rules', valid('param', TenantParams), async (c) =>
    c.json(await tenantAlerts(c.env, c.req.valid('param').tenantId, { op: 'get_config' })),
  )

  .put(
    '/tenants/:tenantId/alerts/rules',
    valid('param', TenantParams),
    valid('json', Config),
    async (c) => {
      const { rules, webhook, zendeskNote, hubspotTask } = c.req.valid('json')
      const request: AlertsRequest = {
        op: 'put_config',
        // enabledSince is the object's to keep: a rule switched on starts now.
        ...(rules ? { rules: AlertRules.parse(rules) } : {}),
        ...(webhook === undefined ? {} : { webhook }),
        ...(zendeskNote ? { zendeskNote } : {}),
        ...(hubspotTask ? { hubspotTask } : {}),
      }
      return c.json(await tenantAlerts(c.env, c.req.valid('param').tenantId, request))
    },
  )

  .get(
    '/tenants/:tenantId/alerts',
    valid('param', TenantParams),
    valid('query', LogQuery),
    async (c) => {
      const { cursor, limit } = c.req.valid('query')
      const request: AlertsRequest = { op: 'log', limit, ...(cursor ? { before: cursor } : {}) }
      return c.json(await tenantAlerts(c.env, c.req.valid('param').tenantId, request))
    },
  )

  .post('/tenants/:tenantId/alerts/test', valid('param', TenantParams), async (c) =>
    c.json(await tenantAlerts(c.env, c.req.valid('param').tenantId, { op: 'test' }), 202),
  )
