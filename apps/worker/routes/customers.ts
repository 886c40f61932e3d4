import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { badRequest, notFound } from '../problem.ts'
import { tenantStub } from '../tenant/client.ts'
import type { LookupKey } from '../tenant/rpc-types.ts'
import { valid } from '../validate.ts'
import { CustomerId } from './params.ts'

const VendorId = z.string().regex(/^[1-9][0-9]{0,19}$/, 'a numeric id')
const Account = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'a Zendesk subdomain')

const LookupQuery = z
  .strictObject({
    zendesk_user_id: VendorId.optional(),
    zendesk_ticket_id: VendorId.optional(),
    email: z.email().optional(),
    account: Account.optional(),
  })
  .refine(
    (q) =>
      [q.zendesk_user_id, q.zendesk_ticket_id, q.email].filter((v) => v !== undefined).length === 1,
    { message: 'give exactly one of zendesk_user_id, zendesk_ticket_id, email', path: ['key'] },
  )

function toLookupKey(q: z.output<typeof LookupQuery>): LookupKey {
  const account = q.account?.toLowerCase()
  const scope = account ? { account } : {}
  if (q.zendesk_user_id) return { kind: 'zendesk_user', id: q.zendesk_user_id, ...scope }
  if (q.zendesk_ticket_id) return { kind: 'zendesk_ticket', id: q.zendesk_ticket_id, ...scope }
  return { kind: 'email', email: q.email! }
}

/**
 * What the sidebars read: one materialised view, from the tenant the credential bound the request
 * to (`c.var.tenant`). No vendor call on this path.
 */
export const customers = new Hono<AppEnv>()
  .get('/lookup', valid('query', LookupQuery), async (c) => {
    const { tenantId } = c.get('tenant')
    const result = await tenantStub(c.env, tenantId).lookup(toLookupKey(c.req.valid('query')))
    if (result.status === 'unknown_account') {
      throw badRequest(
        `Name one of this tenant's Zendesk accounts: ${result.accounts.join(', ')}`,
        [{ field: 'query.account', message: `one of ${result.accounts.join(', ')}` }],
      )
    }
    if (result.status === 'not_found') throw notFound('No customer matches this lookup')
    return c.json(result.view)
  })

  .get('/:id', valid('param', z.object({ id: CustomerId })), async (c) => {
    const { tenantId } = c.get('tenant')
    const { id } = c.req.valid('param')
    const view = await tenantStub(c.env, tenantId).getView(id)
    if (!view) throw notFound(`No customer ${id}`)
    return c.json(view)
  })
