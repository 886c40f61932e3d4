import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env.ts'
import { sha256Hex } from '../crypto.ts'
import { unauthorized } from '../problem.ts'
import { looksLikeApiKey, parseApiKey } from '../tenant/api-key.ts'
import { knownTenant, tenantStub } from '../tenant/client.ts'
import { bearerToken } from './bearer.ts'

/**
 * Tenant API key credential (`Authorization: Bearer cxl_<tenantId>_<secret>`). Without such a bearer
 * it passes the request on untouched, so another credential (ZAF JWT, HubSpot signature) may bind it;
 * with one, it binds the request to that tenant or answers 401.
 */
export function apiKey() {
  return createMiddleware<AppEnv>(async function apiKeyMiddleware(c, next) {
    const token = bearerToken(c)
    if (!token || !looksLikeApiKey(token)) return next()
    const parsed = parseApiKey(token)
    // One message for every failure: the caller learns nothing about which tenants exist.
    if (!parsed || !(await knownTenant(c.env, parsed.tenantId)))
      throw unauthorized('Invalid API key')
    const ok = await tenantStub(c.env, parsed.tenantId).verifyApiKey(await sha256Hex(parsed.secret))
    if (!ok) throw unauthorized('Invalid API key')
    c.set('tenant', { tenantId: parsed.tenantId, via: 'api_key' })
    await next()
  })
}
