import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env.ts'
import { unauthorized } from '../problem.ts'

/** Last of the credential chain: some credential must have bound the request to a tenant. */
export function requireTenant() {
  return createMiddleware<AppEnv>(async function requireTenantMiddleware(c, next) {
    if (!c.get('tenant')) {
      throw unauthorized('Missing credentials: a tenant API key, a ZAF JWT or a HubSpot signature')
    }
    await next()
  })
}
