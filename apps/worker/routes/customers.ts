import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { badRequest, notFound, problemResponse } from '../problem.ts'
import { HISTORY_KINDS } from '../../../core/store/index.ts'
import { tenantStub } from '../tenant/client.ts'
import type { LookupKey } from '../tenant/rpc-types.ts'
import { valid } from '../validate.ts'
import { CustomerId } from './params.ts'
import { storedJson } from './stored-json.ts'

const VendorId = z.string().regex(/^[1-9][0-9]{0,19}$/, 'a numeric id')
const Account = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'a Zendesk subdomain or a HubSpot portal id')

const KEYS = [
  'zendesk_user_id',
  'zendesk_ticket_id',
  'hubspot_contact_id',
  'hubspot_ticket_id',
  'email',
] as const

/**
 * Not strict: HubSpot adds (and signs) `portalId`, `userId`, `userEmail`, `appId` and may add more;
 * unknown parameters are ignored, and a missing or doubled key is still named.
 */
export const LookupQuery = z
  .object({
    zendesk_user_id: VendorId.optional(),
    zendesk_ticket_id: VendorId.optional(),
    hubspot_contact_id: VendorId.optional(),
    hubspot_ticket_id: VendorId.optional(),
    email: z.email().optional(),
    account: Account.optional(),
    portalId: VendorId.optional(),
  })
  .refine((q) => KEYS.filter((k) => q[k] !== undefined).length === 1, {
    message: `give exactly one of ${KEYS.join(', ')}`,
    path: ['key'],
  })
type LookupQuery = z.output<typeof LookupQuery>

/**
 * The account a vendor id belongs to. A HubSpot-signed request reads its own portal (the signed
 * `portalId`); a ZAF JWT hints its subdomain; else `account`, else the tenant's only account.
 */
function toLookupKey(q: LookupQuery, c: Context<AppEnv>): LookupKey {
  const account = q.account?.toLowerCase()
  const via = c.get('tenant').via
  const scope = account ? { account } : {}
  if (q.zendesk_user_id || q.zendesk_ticket_id) {
    const zaf = via === 'zaf_jwt' ? c.get('zaf') : undefined
    const hint = zaf ? { hint: zaf.subdomain.toLowerCase() } : {}
    return q.zendesk_user_id
      ? { kind: 'zendesk_user', id: q.zendesk_user_id, ...scope, ...hint }
      : { kind: 'zendesk_ticket', id: q.zendesk_ticket_id!, ...scope, ...hint }
  }
  if (q.hubspot_contact_id || q.hubspot_ticket_id) {
    const portal = via === 'hubspot_signature' && q.portalId ? { account: q.portalId } : scope
    return q.hubspot_contact_id
      ? { kind: 'hubspot_contact', id: q.hubspot_contact_id, ...portal }
      : { kind: 'hubspot_ticket', id: q.hubspot_ticket_id!, ...portal }
  }
  return { kind: 'email', email: q.email! }
}

/** `GET /:id/history`: one kind of what the capped view leaves out, newest first, page by page. */
export const HistoryQuery = z.strictObject({
  kind: z.enum(HISTORY_KINDS),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,800}$/, 'a nextCursor of an earlier page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})

const VENDOR_NAMES = { zendesk: 'Zendesk accounts', hubspot: 'HubSpot portals' }

/**
 * What the sidebars read: one materialised view, from the tenant the credential bound the request
 * to (`c.var.tenant`). No vendor call on this path.
 */
export const customers = new Hono<AppEnv>()
  .get('/lookup', valid('query', LookupQuery), async (c) => {
    const { tenantId } = c.get('tenant')
    const result = await tenantStub(c.env, tenantId).lookup(toLookupKey(c.req.valid('query'), c))
    if (result.status === 'unknown_account') {
      const accounts = result.accounts.join(', ')
      throw badRequest(`Name one of this tenant's ${VENDOR_NAMES[result.source]}: ${accounts}`, [
        { field: 'query.account', message: `one of ${accounts}` },
      ])
    }
    if (result.status === 'not_found') throw notFound('No customer matches this lookup')
    if (result.status === 'pending') {
      // A large customer mid-backfill: the alarm derives it within seconds (RFC 9110 Retry-After).
      const response = problemResponse(c, {
        slug: 'view-pending',
        title: 'Service unavailable',
        status: 503,
        detail: "This customer's view is being built; retry shortly",
      })
      response.headers.set('retry-after', '5')
      return response
    }
    return storedJson(result.viewJson)
  })

  .get(
    '/:id/history',
    valid('param', z.object({ id: CustomerId })),
    valid('query', HistoryQuery),
    async (c) => {
      const { tenantId } = c.get('tenant')
      const { id } = c.req.valid('param')
      const { kind, cursor, limit } = c.req.valid('query')
      const request = { customerId: id, kind, limit, ...(cursor ? { cursor } : {}) }
      const result = await tenantStub(c.env, tenantId).history(request)
      if (result.status === 'bad_cursor') {
        throw badRequest('The cursor is not one this endpoint returned', [
          { field: 'query.cursor', message: 'a nextCursor of an earlier page' },
        ])
      }
      if (result.status === 'not_found') throw notFound(`No customer ${id}`)
      return c.json({ kind: result.kind, items: result.items, nextCursor: result.nextCursor })
    },
  )

  .get('/:id', valid('param', z.object({ id: CustomerId })), async (c) => {
    const { tenantId } = c.get('tenant')
    const { id } = c.req.valid('param')
    const view = await tenantStub(c.env, tenantId).viewJson(id)
    if (view === null) throw notFound(`No customer ${id}`)
    return storedJson(view)
  })
