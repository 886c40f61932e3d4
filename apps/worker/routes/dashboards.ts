import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { adminToken } from '../middleware/admin-token.ts'
import { apiKey } from '../middleware/api-key.ts'
import { requireTenant } from '../middleware/require-tenant.ts'
import { badRequest } from '../problem.ts'
import { tenantStub } from '../tenant/client.ts'
import { BOARDS, type Board } from '../tenant/insight.ts'
import { valid } from '../validate.ts'
import { existingTenant } from './existing-tenant.ts'
import { TenantId } from './params.ts'

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM')

export const DashboardQuery = z
  .strictObject({
    /** The tool the answers (or the friction's evidence) came from. */
    source: z.enum(['zendesk', 'hubspot', 'import']).optional(),
    from: Month.optional(),
    to: Month.optional(),
    // Worklist only: a page, and at-risk customers only when asked.
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
    risk: z.enum(['at_risk', 'watch', 'fine']).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: '`from` is after `to`',
    path: ['from'],
  })

export const BoardParam = z.enum(BOARDS)

type Query = z.output<typeof DashboardQuery>

async function board(c: Context<AppEnv>, tenantId: string, name: Board, query: Query) {
  const { limit, offset, risk, ...filter } = query
  if (name !== 'worklist' && (risk || c.req.query('limit') || c.req.query('offset'))) {
    throw badRequest('`limit`, `offset` and `risk` apply to the worklist only')
  }
  const request = name === 'worklist' ? { ...filter, limit, offset, risk } : filter
  const result = await tenantStub(c.env, tenantId).insight({
    op: 'dashboard',
    board: name,
    filter: request,
  })
  if (name === 'worklist' && 'customers' in result) {
    // Each customer links to their view (the same key's `/v1/customers/:id`).
    return c.json({
      ...result,
      customers: result.customers.map((entry) => ({
        ...entry,
        view: `/v1/customers/${entry.customerId}`,
      })),
    })
  }
  return c.json(result)
}

/** `GET /admin/tenants/:tenantId/dashboards/{nps,csat,ces,friction,worklist}` (admin token). */
export const adminDashboards = new Hono<AppEnv>()
  .use('/tenants/:tenantId/dashboards/*', adminToken())
  .get(
    '/tenants/:tenantId/dashboards/:board',
    valid('param', z.object({ tenantId: TenantId, board: BoardParam })),
    valid('query', DashboardQuery),
    async (c) => {
      const { tenantId, board: name } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      return board(c, tenantId, name, c.req.valid('query'))
    },
  )

/** `GET /v1/dashboards/{nps,csat,ces,friction,worklist}`: the same for the tenant's API key. */
export const dashboards = new Hono<AppEnv>()
  .use('*', apiKey(), requireTenant())
  .get(
    '/:board',
    valid('param', z.object({ board: BoardParam })),
    valid('query', DashboardQuery),
    async (c) =>
      board(c, c.get('tenant').tenantId, c.req.valid('param').board, c.req.valid('query')),
  )
