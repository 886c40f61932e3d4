import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { Directory } from '../directory/directory.ts'
import { sessionTenant, signTenantLink } from '../install/tokens.ts'
import { unauthorized } from '../problem.ts'
import { tenantStub } from '../tenant/client.ts'
import type { InstallResults } from '../tenant/installs.ts'
import { connectPage } from './connect-page.ts'

/**
 * The connect page: the tenant of the browser's install session only (cookie set by a callback),
 * both tools' state, the signed link that joins the other tool's install to this tenant.
 */
export const connect = new Hono<AppEnv>().get('/', async (c) => {
  const tenantId = await sessionTenant(c)
  if (!tenantId)
    throw unauthorized('No install session: start with /install/zendesk or /install/hubspot')
  const entry = await new Directory(c.env.DIRECTORY).getTenant(tenantId)
  if (!entry) throw unauthorized('The install session names no tenant')
  // RPC stubs lose the request-to-result mapping of a generic method: restate it.
  const overview = (await tenantStub(c.env, tenantId).install({
    op: 'overview',
  })) as unknown as InstallResults['overview']
  c.header('cache-control', 'no-store')
  return c.html(
    connectPage(c, {
      tenantId,
      name: entry.name,
      connections: overview.connections,
      installations: overview.installations,
      link: await signTenantLink(c.env, tenantId),
    }),
  )
})
