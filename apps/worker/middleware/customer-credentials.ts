import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { apiKey } from './api-key.ts'
import { requireTenant } from './require-tenant.ts'

/**
 * The credentials `/v1/customers/*` accepts, tried in order; each binds the request to one tenant by
 * setting `c.var.tenant`. The contract for a credential middleware:
 * - its credential is absent → call `next()` without setting `tenant` (the next one may bind it);
 * - present and valid → `c.set('tenant', { tenantId, via })`, then `next()`;
 * - present and invalid → throw `unauthorized(...)` (401 problem).
 * `requireTenant()` closes the chain: nothing bound the request → 401.
 *
 * `extra` holds the platform credentials: app.ts passes `platformCredentials()`
 * (`./platform-credentials.ts`: the Zendesk sidebar's ZAF JWT, tenant from
 * `accountKey('zendesk', subdomain)`; the HubSpot card's v3 signature, tenant from
 * `accountKey('hubspot', portalId)`; both verified inside the tenant object). A JWT or signature
 * never looks like a `cxl_` bearer, so their order is free.
 */
export function customerCredentials(
  extra: MiddlewareHandler<AppEnv>[] = [],
): MiddlewareHandler<AppEnv>[] {
  return [apiKey(), ...extra, requireTenant()]
}
