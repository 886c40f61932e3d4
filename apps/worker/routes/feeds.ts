import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { FeedConfig } from '../imports/mapping.ts'
import { adminToken } from '../middleware/admin-token.ts'
import { badRequest, ProblemError, unauthorized } from '../problem.ts'
import { knownTenant, tenantStub } from '../tenant/client.ts'
import type { Delivery } from '../tenant/insight.ts'
import { mediaTypeOf, valid } from '../validate.ts'
import { existingTenant } from './existing-tenant.ts'
import { TenantId } from './params.ts'

export const FeedName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, - and _')
export const Params = z.object({ tenantId: TenantId, feed: FeedName })
export const MAX_BYTES = 4 * 1024 * 1024

/**
 * A feed's saved format and its webhook secret (admin token):
 * `PUT|GET /admin/tenants/:t/feeds/:feed` (a preset, or a column mapping with kind, scale and date
 * format) and `POST /admin/tenants/:t/feeds/:feed/secret` (a new signing secret, shown once).
 */
export const adminFeeds = new Hono<AppEnv>()
  .use('/tenants/:tenantId/feeds/*', adminToken())
  .put(
    '/tenants/:tenantId/feeds/:feed',
    valid('param', Params),
    valid('json', FeedConfig),
    async (c) => {
      const { tenantId, feed } = c.req.valid('param')
      await existingTenant(c.env, tenantId)
      const config = c.req.valid('json')
      return c.json(await tenantStub(c.env, tenantId).insight({ op: 'feed.put', feed, config }))
    },
  )
  .get('/tenants/:tenantId/feeds/:feed', valid('param', Params), async (c) => {
    const { tenantId, feed } = c.req.valid('param')
    await existingTenant(c.env, tenantId)
    return c.json(await tenantStub(c.env, tenantId).insight({ op: 'feed.get', feed }))
  })
  .post('/tenants/:tenantId/feeds/:feed/secret', valid('param', Params), async (c) => {
    const { tenantId, feed } = c.req.valid('param')
    await existingTenant(c.env, tenantId)
    const result = await tenantStub(c.env, tenantId).insight({ op: 'feed.secret', feed })
    c.header('cache-control', 'no-store')
    return c.json(
      {
        ...result,
        signing:
          'X-Cxlens-Timestamp: Unix seconds; X-Cxlens-Signature: v1=hex(HMAC-SHA256(secret, timestamp + "." + body)); within 5 minutes',
      },
      201,
    )
  })

/**
 * `POST /hooks/feeds/:tenantId/:feed`: a survey tool (or a relay) pushing responses, signed with
 * the feed's secret; read with the feed's saved format, else cxlens's own JSON shape.
 */
export const feedHooks = new Hono<AppEnv>().post(
  '/feeds/:tenantId/:feed',
  bodyLimit({
    maxSize: MAX_BYTES,
    onError: () => {
      throw new ProblemError(413, `The body is larger than ${MAX_BYTES} bytes`)
    },
  }),
  async (c) => {
    const params = Params.safeParse(c.req.param())
    const timestamp = c.req.header('x-cxlens-timestamp')
    const signature = c.req.header('x-cxlens-signature')
    if (!timestamp || !signature) throw unauthorized('Sign the delivery (X-Cxlens-Signature)')
    // The same answer for an unknown tenant or feed as for a bad signature: nothing to probe.
    if (!params.success || !(await knownTenant(c.env, params.data.tenantId))) {
      throw unauthorized('The signature does not match')
    }
    const { tenantId, feed } = params.data
    const body = await c.req.text()
    const mediaType = mediaTypeOf(c.req.header('content-type')) ?? ''
    const result = (await tenantStub(c.env, tenantId).insight({
      op: 'feed.deliver',
      feed,
      timestamp,
      signature,
      mediaType,
      body,
    })) as Delivery
    if (result.status === 'unsigned') throw unauthorized('The signature does not match')
    if (result.status === 'unreadable') throw badRequest(`Unreadable delivery: ${result.message}`)
    const { status: _, ...counts } = result
    if (counts.accepted === 0) {
      throw new ProblemError(422, 'None of the responses is valid', {
        errors: counts.rejected.map((r) => ({
          field: `row.${r.row}.${r.field}`,
          message: r.reason,
        })),
        extensions: { feed, ...counts },
      })
    }
    return c.json({ feed, ...counts }, 200)
  },
)
