import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { tenantStub } from '../tenant/client.ts'
import type { CustomerFilter } from '../tenant/customer-list.ts'
import { valid } from '../validate.ts'
import { existingTenant } from './existing-tenant.ts'
import { TenantId } from './params.ts'

const FILTERS = ['friction', 'nps', 'both_sources'] as const satisfies CustomerFilter[]

export const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  /** `friction`, `nps`, `both_sources`, or several separated by commas (all must hold). */
  has: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((f) => f.trim()) : []))
    .pipe(z.array(z.enum(FILTERS))),
})

/**
 * The tenant's customers, a page at a time, with a small summary each (admin): what `npm start` and
 * the preview's picker use to find interesting customers. Names are shown, never logged.
 */
export const adminCustomers = new Hono<AppEnv>().get(
  '/tenants/:tenantId/customers',
  valid('param', z.object({ tenantId: TenantId })),
  valid('query', ListQuery),
  async (c) => {
    const { tenantId } = c.req.valid('param')
    await existingTenant(c.env, tenantId)
    return c.json(await tenantStub(c.env, tenantId).listCustomers(c.req.valid('query')))
  },
)
