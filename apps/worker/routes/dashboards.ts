import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { VerbatimTheme } from '../../../core/model/index.ts'
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

/** The boards read a page at a time: their page size by default and at most. */
const PAGED = {
  worklist: { limit: 50, max: 200 },
  verbatims: { limit: 20, max: 100 },
} as const satisfies Partial<Record<Board, { limit: number; max: number }>>

const isPaged = (board: Board): board is keyof typeof PAGED => board in PAGED

export const DashboardQuery = z
  .strictObject({
    /** The tool the answers (or the friction's evidence) came from. */
    source: z.enum(['zendesk', 'hubspot', 'import']).optional(),
    from: Month.optional(),
    to: Month.optional(),
    // Worklist and verbatims only: a page.
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(PAGED.worklist.max)
      .optional()
      .describe('Worklist: 1–200, default 50. Verbatims: 1–100, default 20'),
    offset: z.coerce.number().int().min(0).optional().describe('Default 0'),
    /** Worklist only: at-risk customers only when asked. */
    risk: z.enum(['at_risk', 'watch', 'fine']).optional(),
    /** Verbatims only: comments tagged with this theme. */
    theme: VerbatimTheme.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: '`from` is after `to`',
    path: ['from'],
  })

export const BoardParam = z.enum(BOARDS)

type Query = z.output<typeof DashboardQuery>

/** The tenant object's request for one board: its own parameters, refused on another board. */
function boardRequest(name: Board, query: Query) {
  const { limit, offset, risk, theme, ...filter } = query
  if (risk && name !== 'worklist') throw badRequest('`risk` applies to the worklist only')
  if (theme && name !== 'verbatims') throw badRequest('`theme` applies to the verbatims only')
  if (!isPaged(name)) {
    if (limit !== undefined || offset !== undefined) {
      throw badRequest('`limit` and `offset` apply to the worklist and the verbatims only')
    }
    return filter
  }
  const page = PAGED[name]
  if (limit !== undefined && limit > page.max) {
    throw badRequest(`\`limit\` is at most ${page.max} on the ${name} board`)
  }
  return { ...filter, limit: limit ?? page.limit, offset: offset ?? 0, risk, theme }
}

/** The path of a customer's view (the same key's `/v1/customers/:id`). */
const viewOf = (customerId: string) => `/v1/customers/${customerId}`

async function board(c: Context<AppEnv>, tenantId: string, name: Board, query: Query) {
  const result = await tenantStub(c.env, tenantId).insight({
    op: 'dashboard',
    board: name,
    filter: boardRequest(name, query),
  })
  // Each customer listed links to their view.
  if ('customers' in result) {
    const customers = result.customers.map((e) => ({ ...e, view: viewOf(e.customerId) }))
    return c.json({ ...result, customers })
  }
  if ('verbatims' in result && result.verbatims) {
    const items = result.verbatims.items.map((e) => ({ ...e, view: viewOf(e.customerId) }))
    return c.json({ ...result, verbatims: { ...result.verbatims, items } })
  }
  return c.json(result)
}

/** `GET /admin/tenants/:tenantId/dashboards/{nps,csat,ces,friction,worklist,verbatims}` (admin). */
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

/** `GET /v1/dashboards/:board`: the same for the tenant's API key. */
export const dashboards = new Hono<AppEnv>()
  .use('*', apiKey(), requireTenant())
  .get(
    '/:board',
    valid('param', z.object({ board: BoardParam })),
    valid('query', DashboardQuery),
    async (c) =>
      board(c, c.get('tenant').tenantId, c.req.valid('param').board, c.req.valid('query')),
  )
