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
 * Hook points for the two platform credentials (built in their own files):
 * - `zafJwt({ ... })` from `./zaf-jwt.ts`: the Zendesk sidebar's HS256 JWT; tenant from the directory
 *   (`accountKey('zendesk', subdomain)` or the app installation id).
 * - `hubspotSignature({ resolveTenant, whenUnsigned: 'next' })` from `./hubspot-signature.ts`: the
 *   HubSpot card's v3 signature; tenant from `accountKey('hubspot', portalId)`.
 * Add them to `extra` below (a JWT or signature never looks like a `cxl_` bearer, so order is free).
 */
export function customerCredentials(
  extra: MiddlewareHandler<AppEnv>[] = [],
): MiddlewareHandler<AppEnv>[] {
  return [apiKey(), ...extra, requireTenant()]
}
