import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { notFound } from '../problem.ts'
import { tenantStub } from '../tenant/client.ts'
import { valid } from '../validate.ts'
import { existingTenant } from './existing-tenant.ts'
import { storedJson } from './stored-json.ts'
import { CustomerId, TenantId } from './params.ts'

export const CustomerViewParams = z.object({ tenantId: TenantId, customerId: CustomerId })

/**
 * One customer's view for an admin (the console's customer page): the same materialised view the
 * sidebars read through `/v1/customers/:id`, reached with the admin token or the console session.
 */
export const adminCustomerView = new Hono<AppEnv>().get(
  '/tenants/:tenantId/customers/:customerId',
  valid('param', CustomerViewParams),
  async (c) => {
    const { tenantId, customerId } = c.req.valid('param')
    await existingTenant(c.env, tenantId)
    const view = await tenantStub(c.env, tenantId).viewJson(customerId)
    if (view === null) throw notFound(`No customer ${customerId}`)
    return storedJson(view)
  },
)
